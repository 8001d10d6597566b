using CitizenServices.Domain.Fullmakt;
using CitizenServices.Domain.Time;
namespace CitizenServices.UnitTests.Fullmakt;

internal static class FullmaktTestData
{
    /// <summary>Born 1980-01-01: an adult giver or representative.</summary>
    public static readonly NationalIdentityNumber Adult = NationalIdentityNumber.Parse("01018010018");

    /// <summary>Kari Hansen of the seed, born 1985-03-14: another adult.</summary>
    public static readonly NationalIdentityNumber KariMother = NationalIdentityNumber.Parse(Seed.KariMother);

    /// <summary>Born 2010-06-15: 16 on 2026-06-15.</summary>
    public static readonly NationalIdentityNumber Born20100615 = NationalIdentityNumber.Parse("15061050059");

    /// <summary>Born 2008-06-15: 18 on 2026-06-15.</summary>
    public static readonly NationalIdentityNumber Born20080615 = NationalIdentityNumber.Parse("15060850078");

    /// <summary>Born 2012-02-29: 16 on 2028-02-29 (a leap year).</summary>
    public static readonly NationalIdentityNumber Born20120229 = NationalIdentityNumber.Parse("29021250048");

    /// <summary>Born 2008-02-29: 18 on 2026-03-01 (a common year: 28 February does not complete the year).</summary>
    public static readonly NationalIdentityNumber Born20080229 = NationalIdentityNumber.Parse("29020850025");

    public static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Noon in Oslo on the date: far from midnight, so the Oslo date is unambiguous.</summary>
    public static DateTimeOffset Noon(string date) => NorwegianTime.ToUtc(Date(date), new TimeOnly(12, 0));

    public static FullmaktParty Eligible(NationalIdentityNumber id) => new(id, PartyStanding.Eligible);

    public static FullmaktGrantDraft Draft(NationalIdentityNumber representative, string? validTo = null, params string[] areas) =>
        new(representative, areas.Length == 0 ? ["appointments"] : areas, validTo is null ? null : Date(validTo));

    public static Domain.Fullmakt.Fullmakt Granted(
        NationalIdentityNumber giver, NationalIdentityNumber representative, DateTimeOffset at, string? validTo = null, params string[] areas)
    {
        var result = FullmaktRules.Grant(Eligible(giver), Eligible(representative), Draft(representative, validTo, areas), [], Guid.NewGuid(), at);
        Assert.True(result.IsSuccess, result.Error?.Detail);
        return result.Value;
    }

    public static CapacityFullmaktDraft Capacity(NationalIdentityNumber representative, string? validFrom, string? validTo, string? certificate = "LEGE-2026-001") =>
        new(representative, certificate, validFrom is null ? null : Date(validFrom), validTo is null ? null : Date(validTo), "admin-1");
}
