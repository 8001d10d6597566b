namespace CitizenServices.Application.Fullmakt.Grant;

/// <summary>The giver (always the caller themself) gives the representative a fullmakt for the chosen service areas.</summary>
public sealed record GrantFullmaktRequest(
    NationalIdentityNumber Giver,
    NationalIdentityNumber Representative,
    IReadOnlyList<string>? ServiceAreas,
    DateOnly? ValidTo,
    string? IdempotencyKey);
