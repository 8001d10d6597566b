namespace CitizenServices.Application.Fullmakt.End;

/// <summary>The giver or the representative ends a fullmakt, with immediate effect.</summary>
public sealed record EndFullmaktRequest(NationalIdentityNumber Caller, Guid FullmaktId);
