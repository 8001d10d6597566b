namespace CitizenServices.UnitTests.Guardianship;

internal static class GuardianshipTestData
{
    /// <summary>Per Moe in the seed: the ward.</summary>
    public static readonly NationalIdentityNumber Ward = NationalIdentityNumber.Parse("17909032172");

    /// <summary>Astrid Lie in the seed: his guardian.</summary>
    public static readonly NationalIdentityNumber Guardian = NationalIdentityNumber.Parse("01926642231");

    /// <summary>Erik Dahl in the seed: someone else.</summary>
    public static readonly NationalIdentityNumber Other = NationalIdentityNumber.Parse("12897516193");

    public static readonly Guid GuardianshipId = Guid.Parse("7c1e9a52-3b4d-4f60-8e21-5a9d0c3b7f18");

    public static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant on an Oslo wall clock.</summary>
    public static DateTimeOffset Oslo(string date, int hour, int minute = 0) => NorwegianTime.ToUtc(Date(date), new TimeOnly(hour, minute));
}
