namespace CitizenServices.Infrastructure.PopulationRegister;

// The file's shape, kept loose (strings, nullables) so the loader can report every problem precisely
// instead of failing on the first type mismatch.
internal sealed record SeedFileDocument(string? Description, IReadOnlyList<SeedFilePerson?>? People);

internal sealed record SeedFilePerson(
    string? Id,
    string? GivenName,
    string? FamilyName,
    string? MunicipalityNumber,
    string? AddressId,
    string? AddressProtection,
    IReadOnlyList<string?>? ParentsWithParentalResponsibility,
    IReadOnlyList<SeedFileGuardianship?>? Guardianships,
    string? DeceasedOn,
    SeedFileRegularGp? RegularGp,
    string? Description);

internal sealed record SeedFileGuardianship(
    string? GuardianId,
    IReadOnlyList<string?>? Scopes,
    string? ValidFrom,
    string? ValidTo,
    string? Reference);

internal sealed record SeedFileRegularGp(string? HprNumber, string? Name, string? Office, string? HerId);
