using CitizenServices.Domain.Consent;
using CitizenServices.UnitTests.Representation;

namespace CitizenServices.UnitTests.Consent;

public sealed class ConsentRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 2, 9, 11, 0, 0, TimeSpan.Zero); // noon in Oslo
    private static readonly NationalIdentityNumber Adult = SyntheticPeople.BornOn(new DateOnly(1985, 3, 14));
    private static readonly NationalIdentityNumber Parent = SyntheticPeople.BornOn(new DateOnly(1980, 8, 25));
    private static readonly NationalIdentityNumber Turns16Tomorrow = SyntheticPeople.BornOn(new DateOnly(2011, 2, 10));
    private static readonly NationalIdentityNumber Turned16Today = SyntheticPeople.BornOn(new DateOnly(2011, 2, 9));

    private static readonly ConsentDefinition Reservation = Definition(ConsentKind.Reservation, 0, "1.0", "1.1", "2.0");
    private static readonly ConsentDefinition Study = Definition(ConsentKind.Consent, 18, "1.0", "1.1");

    private static ConsentDefinition Definition(ConsentKind kind, int minimumAge, params string[] versions) => new(
        kind.Name() + "-test", kind, "Title", "Purpose", "Owner", minimumAge,
        versions.Select(v => new ConsentDefinitionVersion(V(v), new DateOnly(2026, 1, 1), "sha-" + v)).ToList());

    private static ConsentVersion V(string text) => ConsentVersion.TryParse(text, out var v) ? v : throw new ArgumentException(text);

    private static RepresentationBasis Basis(BasisKind kind) =>
        new(kind, kind.Value + "-1", new HashSet<Scope> { Scope.Consents }, DateTimeOffset.MinValue, null);

    private static (ConsentDecided? Decided, Error? Error) Decide(
        ConsentDefinition definition, ConsentChoice choice, string version, DateOnly? validTo = null, ConsentDecision? current = null,
        NationalIdentityNumber? subject = null, BasisKind? basis = null, DateTimeOffset? now = null) =>
        ConsentRules.Decide(definition, current, new ConsentRequest(choice, V(version), validTo), subject ?? Adult,
            basis is null || basis == BasisKind.Self ? subject ?? Adult : Parent, Basis(basis ?? BasisKind.Self), now ?? Now)
            .Match<(ConsentDecided?, Error?)>(decided => (decided, null), error => (null, error));

    [Theory]
    [InlineData("self", true)]
    [InlineData("parent", true)]
    [InlineData("fullmakt", false)]
    [InlineData("fullmakt-lacking-capacity", false)]
    [InlineData("guardian", false)]
    [InlineData("foster-parent", false)]
    public void MayDecide_WhenTheBasisIsOfThisKind_OnlyTheSelfOrAParentDecides(string kind, bool allowed)
    {
        var child = Turns16Tomorrow;

        Assert.Equal(allowed, ConsentRules.MayDecide(Basis(new BasisKind(kind)), child, new DateOnly(2027, 2, 9)));
    }

    [Fact]
    public void MayDecide_WhenTheChildTurnsSixteen_TheParentNoLongerDecides()
    {
        Assert.True(ConsentRules.MayDecide(Basis(BasisKind.Parent), Turns16Tomorrow, new DateOnly(2027, 2, 9)));
        Assert.False(ConsentRules.MayDecide(Basis(BasisKind.Parent), Turns16Tomorrow, new DateOnly(2027, 2, 10)));
        Assert.False(ConsentRules.MayDecide(Basis(BasisKind.Parent), Turned16Today, new DateOnly(2027, 2, 9)));
    }

    [Fact]
    public void Decide_WhenAFullmaktHolderAsks_IsForbidden()
    {
        var (_, error) = Decide(Reservation, ConsentChoice.Reserved, "2.0", subject: Adult, basis: BasisKind.Fullmakt);

        Assert.Equal(ErrorKind.Forbidden, error!.Kind);
    }

    [Fact]
    public void Decide_WhenTheSameRequestIsRepeated_ChangesNothing()
    {
        var (first, _) = Decide(Reservation, ConsentChoice.Reserved, "2.0", new DateOnly(2027, 12, 31));

        var (second, error) = Decide(Reservation, ConsentChoice.Reserved, "2.0", new DateOnly(2027, 12, 31), first!.Decision, now: Now.AddHours(1));

        Assert.Null(error);
        Assert.False(second!.Changed);
        Assert.Same(first.Decision, second.Decision);
    }

    [Theory]
    [InlineData(ConsentChoice.Lifted, "2.0", null)]
    [InlineData(ConsentChoice.Reserved, "2.0", "2027-12-30")]
    [InlineData(ConsentChoice.Reserved, "2.0", null)]
    public void Decide_WhenAnythingDiffers_IsANewDecisionWithTheNextSequence(ConsentChoice choice, string version, string? validTo)
    {
        var (first, _) = Decide(Reservation, ConsentChoice.Reserved, "2.0", new DateOnly(2027, 12, 31));

        var (next, _) = Decide(Reservation, choice, version, validTo is null ? null : DateOnly.Parse(validTo, System.Globalization.CultureInfo.InvariantCulture), first!.Decision);

        Assert.True(next!.Changed);
        Assert.Equal(2, next.Decision.Sequence);
    }

    [Fact]
    public void Decide_WhenTheCitizenSawAnOlderMinorOfTheCurrentMajor_IsAccepted_AndAnOlderMajorIsNot()
    {
        Assert.Null(Decide(Study, ConsentChoice.Given, "1.0").Error);
        Assert.Equal("version-outdated", Decide(Reservation, ConsentChoice.Reserved, "1.1").Error!.Code);
        Assert.Equal("unknown-version", Decide(Reservation, ConsentChoice.Reserved, "3.0").Error!.Code);
    }

    [Theory]
    [InlineData(ConsentKind.Consent, ConsentChoice.Reserved)]
    [InlineData(ConsentKind.Consent, ConsentChoice.Lifted)]
    [InlineData(ConsentKind.Restriction, ConsentChoice.Reserved)]
    [InlineData(ConsentKind.Reservation, ConsentChoice.Given)]
    [InlineData(ConsentKind.Reservation, ConsentChoice.Withdrawn)]
    public void Decide_WhenTheChoiceIsNotTheKinds_IsRejected(ConsentKind kind, ConsentChoice choice)
    {
        Assert.Equal("decision-not-allowed", Decide(Definition(kind, 0, "1.0"), choice, "1.0").Error!.Code);
    }

    [Fact]
    public void Decide_WhenTheEndDateIsTodayItIsAccepted_YesterdayOrOnAWithdrawalItIsNot()
    {
        Assert.Null(Decide(Study, ConsentChoice.Given, "1.1", new DateOnly(2027, 2, 9)).Error);
        Assert.Equal("end-date-in-past", Decide(Study, ConsentChoice.Given, "1.1", new DateOnly(2027, 2, 8)).Error!.Code);
        Assert.Equal("end-date-not-allowed", Decide(Study, ConsentChoice.Withdrawn, "1.1", new DateOnly(2027, 3, 1)).Error!.Code);
    }

    [Fact]
    public void Decide_WhenTheSubjectIsYoungerThanTheMinimumAge_IsRejected()
    {
        var error = Decide(Study, ConsentChoice.Given, "1.1", subject: Turns16Tomorrow, basis: BasisKind.Parent).Error;

        Assert.Equal("subject-too-young", error!.Code);
        Assert.Equal("subject", error.Field);
    }

    [Fact]
    public void StatusOf_WhenTheLastDayEnds_IsExpiredFromOsloMidnight()
    {
        var decision = Decide(Study, ConsentChoice.Given, "1.1", new DateOnly(2027, 2, 9)).Decided!.Decision;
        var osloMidnight = new DateTimeOffset(2027, 2, 9, 23, 0, 0, TimeSpan.Zero);

        Assert.Equal(ConsentStatus.Active, ConsentRules.StatusOf(decision, Study, osloMidnight.AddTicks(-1)));
        Assert.Equal(ConsentStatus.Expired, ConsentRules.StatusOf(decision, Study, osloMidnight));
    }

    [Fact]
    public void StatusOf_WhenTheDefinitionGetsANewMajorVersion_IsStale_AndANewMinorVersionChangesNothing()
    {
        var v1 = Definition(ConsentKind.Reservation, 0, "1.0");
        var decision = Decide(v1, ConsentChoice.Reserved, "1.0").Decided!.Decision;

        Assert.Equal(ConsentStatus.Active, ConsentRules.StatusOf(decision, Definition(ConsentKind.Reservation, 0, "1.0", "1.1"), Now));
        Assert.Equal(ConsentStatus.Stale, ConsentRules.StatusOf(decision, Definition(ConsentKind.Reservation, 0, "1.0", "1.1", "2.0"), Now));
    }

    [Fact]
    public void StatusOf_WhenWithdrawnOrLifted_IsInactiveWhateverTheVersion()
    {
        var lifted = Decide(Reservation, ConsentChoice.Lifted, "2.0").Decided!.Decision;

        Assert.Equal(ConsentStatus.Inactive, ConsentRules.StatusOf(lifted, Reservation, Now));
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("12.34", true)]
    [InlineData("0.9", false)]
    [InlineData("1", false)]
    [InlineData("1.0.0", false)]
    [InlineData("-1.0", false)]
    [InlineData("1.x", false)]
    [InlineData("", false)]
    public void Version_WhenParsed_IsMajorDotMinorWithMajorFromOne(string text, bool valid)
    {
        Assert.Equal(valid, ConsentVersion.TryParse(text, out _));
    }
}
