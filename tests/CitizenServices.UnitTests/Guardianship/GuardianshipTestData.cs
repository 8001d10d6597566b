using CitizenServices.Domain.Guardianship;
using CitizenServices.Domain.Time;
namespace CitizenServices.UnitTests.Guardianship;

internal static class GuardianshipTestData
{
    /// <summary>Per Moe in the seed: the ward.</summary>
    public static readonly NationalIdentityNumber PerUnderHealthGuardianship = NationalIdentityNumber.Parse(Seed.PerUnderHealthGuardianship);

    /// <summary>Astrid Lie in the seed: his guardian.</summary>
    public static readonly NationalIdentityNumber AstridGuardianOfPer = NationalIdentityNumber.Parse(Seed.AstridGuardianOfPer);

    /// <summary>Erik Dahl in the seed: someone else.</summary>
    public static readonly NationalIdentityNumber ErikFinancialGuardianOfGunnar = NationalIdentityNumber.Parse(Seed.ErikFinancialGuardianOfGunnar);

    public static readonly Guid GuardianshipId = Guid.Parse("7c1e9a52-3b4d-4f60-8e21-5a9d0c3b7f18");

    public static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant on an Oslo wall clock.</summary>
    public static DateTimeOffset Oslo(string date, int hour, int minute = 0) => NorwegianTime.ToUtc(Date(date), new TimeOnly(hour, minute));
}
