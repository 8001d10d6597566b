namespace CitizenServices.Infrastructure.PopulationRegister;

// Generated at compile time: the register is read at start-up, and reflection-based metadata for these records cost
// about 200 ms of the handler's cold start. A misspelt field would otherwise be silently dropped and a scenario would
// quietly stop existing, hence Disallow.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SeedFileDocument))]
internal sealed partial class SeedFileJsonContext : JsonSerializerContext;

// The file's shape, kept loose (strings, nullables) so the loader can report every problem precisely
// instead of failing on the first type mismatch.
internal sealed record SeedFileDocument(string? Description, IReadOnlyList<SeedFilePerson?>? People);

internal sealed record SeedFilePerson(
    string? Id,
    SeedFileBirth? Born,
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

// A birth relative to today, for people whose age must not change as the calendar moves on (infants): the number is
// made on load. Ints are nullable so a missing value is reported, not read as 0.
internal sealed record SeedFileBirth(int? DaysAgo, int? IndividualNumber);

internal sealed record SeedFileRegularGp(string? HprNumber, string? Name, string? Office, string? HerId);
