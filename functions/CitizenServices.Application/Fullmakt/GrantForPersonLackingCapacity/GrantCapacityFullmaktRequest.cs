namespace CitizenServices.Application.Fullmakt.GrantForPersonLackingCapacity;

/// <summary>
/// An administrator (<c>Representation.Administer</c>) registers a fullmakt for a person lacking capacity to consent, on a
/// doctor's certificate, to the person's nearest relative.
/// </summary>
/// <param name="Administrator">The administrator's object id, recorded with the fullmakt and scoping the idempotency key.</param>
/// <param name="AdministratorMunicipality">The municipality the administrator works for; must be the principal's.</param>
public sealed record GrantCapacityFullmaktRequest(
    string Administrator,
    string AdministratorMunicipality,
    NationalIdentityNumber Principal,
    NationalIdentityNumber Representative,
    string? CertificateReference,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string? IdempotencyKey);
