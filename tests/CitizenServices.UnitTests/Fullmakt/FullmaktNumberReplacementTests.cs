using static CitizenServices.UnitTests.Fullmakt.FullmaktTestData;

namespace CitizenServices.UnitTests.Fullmakt;

/// <summary>Rule: a person whose D-number is replaced by a birth number keeps every relation.</summary>
public sealed class FullmaktNumberReplacementTests
{
    /// <summary>Piotr Kowalski's synthetic D-number (seed) and a birth number for the same person.</summary>
    private static readonly NationalIdentityNumber DNumber = NationalIdentityNumber.Parse("49858814331");
    private static readonly NationalIdentityNumber BirthNumber = NationalIdentityNumber.Parse("01018010018");

    [Fact]
    public void Follow_WhenTheGiversNumberIsReplaced_RenamesTheGiverAndKeepsTheRest()
    {
        var fullmakt = Granted(DNumber, KariMother, Noon("2026-11-01"), "2027-06-30", "appointments", "messages");

        var followed = FullmaktNumberReplacement.Follow(fullmakt, DNumber, BirthNumber);

        Assert.Equal(fullmakt with { Giver = BirthNumber }, followed);
    }

    [Fact]
    public void Follow_WhenTheRepresentativesNumberIsReplaced_KeepsAnEndingAsItWas()
    {
        var ended = FullmaktRules.End(Granted(KariMother, DNumber, Noon("2026-11-01")), KariMother, Noon("2026-11-10")).Value.Fullmakt;

        var followed = FullmaktNumberReplacement.Follow(ended, DNumber, BirthNumber);

        Assert.Equal(ended with { Representative = BirthNumber }, followed);
        Assert.Equal(ended.Ending, followed!.Ending);
    }

    [Fact]
    public void Follow_WhenAlreadyFollowed_IsNothingToDo()
    {
        var fullmakt = Granted(BirthNumber, KariMother, Noon("2026-11-01"));

        Assert.Null(FullmaktNumberReplacement.Follow(fullmakt, DNumber, BirthNumber));
        Assert.Null(FullmaktNumberReplacement.Follow(fullmakt, BirthNumber, BirthNumber));
    }
}
