namespace CitizenServices.UnitTests.Representation;

// The parent kind over the committed seed people (docs/population-register.md), on fixed Europe/Oslo dates.
public sealed class ParentRepresentationSourceTests(SeedPopulationRegisterFixture seed) : IClassFixture<SeedPopulationRegisterFixture>
{
    // 1 December 2026, noon in Oslo (+01:00).
    private static readonly DateTimeOffset Today = new(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);

    private static NationalIdentityNumber N(string id) => NationalIdentityNumber.Parse(id);

    private ParentRepresentationSource Source(DateTimeOffset now) => new(seed.Register, new FakeTimeProvider(now));

    [Fact]
    public async Task FindAsync_WhenChildUnderTwelveLivesWithParent_GivesFullScopeValidUntilTwelfthBirthday()
    {
        var bases = await Source(Today).FindAsync(N(Seed.KariMother), N(Seed.EmmaUnder12), CancellationToken.None);

        var basis = Assert.Single(bases);
        Assert.Equal(BasisKind.Parent, basis.Kind);
        Assert.Equal(ParentalRepresentation.UnderTwelveScopes, basis.Scopes);
        Assert.Equal(new DateTimeOffset(2031, 6, 4, 22, 0, 0, TimeSpan.Zero), basis.ValidTo); // 2031-06-05 00:00 Oslo
        Assert.True(basis.IsValidAt(Today));
    }

    [Fact]
    public async Task FindAsync_WhenChildUnderTwelveLivesWithNeitherParent_NoParentMayRepresent()
    {
        var source = Source(Today);

        Assert.Empty(await source.FindAsync(N(Seed.MarteMotherLivingApart), N(Seed.LukasLivingWithGrandmother), CancellationToken.None)); // Marte
        Assert.Empty(await source.FindAsync(N(Seed.KristianFatherLivingApart), N(Seed.LukasLivingWithGrandmother), CancellationToken.None)); // Kristian
    }

    [Fact]
    public async Task FindAsync_WhenAdultLivesWithChildWithoutParentalResponsibility_GivesNothing()
    {
        Assert.Empty(await Source(Today).FindAsync(N(Seed.RandiGrandmother), N(Seed.LukasLivingWithGrandmother), CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_WhenFosterChildUnderTwelveLivesAwayFromParents_ParentsGetNothing()
    {
        Assert.Empty(await Source(Today).FindAsync(N(Seed.LinnMotherOfFosterChild), N(Seed.OliverFosterChild), CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_WhenChildIsSixteenOrOlder_GivesNothing()
    {
        Assert.Empty(await Source(Today).FindAsync(N(Seed.AndersFatherOfHenrik), N(Seed.HenrikTurning18), CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_WhenChildIsTwelveToFifteen_GivesRestrictedScope()
    {
        var bases = await Source(Today).FindAsync(N(Seed.IngridMotherOfTeenagers), N(Seed.IdaBornOnLeapDay), CancellationToken.None);

        Assert.Equal(ParentalRepresentation.TwelveToFifteenScopes, Assert.Single(bases).Scopes);
    }

    [Theory]
    [InlineData("2027-01-19T22:59:59Z", "full")] // 23:59:59 on 19 January in Oslo: still 11
    [InlineData("2027-01-19T23:00:00Z", "restricted")] // midnight in Oslo, 20 January: 12 although UTC is still the 19th
    [InlineData("2027-01-21T11:00:00Z", "restricted")]
    public async Task FindAsync_AroundTwelfthBirthdayInOsloTime_ChangesBandAtOsloMidnight(string now, string expected)
    {
        var instant = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        var basis = Assert.Single(await Source(instant).FindAsync(N(Seed.KariMother), N(Seed.NoahTurning12), CancellationToken.None));

        Assert.True(basis.IsValidAt(instant));
        Assert.Equal(expected == "full" ? ParentalRepresentation.UnderTwelveScopes : ParentalRepresentation.TwelveToFifteenScopes, basis.Scopes);
    }

    [Theory]
    [InlineData("2027-02-09T12:00:00Z", true)] // day before Jonas's 16th birthday
    [InlineData("2027-02-10T12:00:00Z", false)] // the birthday
    [InlineData("2027-02-11T12:00:00Z", false)]
    public async Task FindAsync_AroundSixteenthBirthday_ParentsLoseAccessOnTheDay(string now, bool represented)
    {
        var instant = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        var bases = await Source(instant).FindAsync(N(Seed.LarsFatherOfTeenagers), N(Seed.JonasTurning16), CancellationToken.None);

        Assert.Equal(represented, bases.Count == 1);
    }

    [Fact]
    public async Task ListRepresentedAsync_WhenParentOfTwoChildren_ListsBoth()
    {
        var list = await Source(Today).ListRepresentedAsync(N(Seed.KariMother), CancellationToken.None);

        Assert.Equal(
            new[] { Seed.EmmaUnder12, Seed.NoahTurning12 }.Order(StringComparer.Ordinal),
            list.Select(r => r.Subject.Value).Order(StringComparer.Ordinal));
        Assert.All(list, r => Assert.Equal(Seed.KariMother, r.Representative.Value));
    }

    [Fact]
    public async Task ListRepresentativesAsync_WhenChildLivesWithBothParents_ListsBoth()
    {
        var list = await Source(Today).ListRepresentativesAsync(N(Seed.EmmaUnder12), CancellationToken.None);

        Assert.Equal(
            new[] { Seed.KariMother, Seed.OlaFather }.Order(StringComparer.Ordinal),
            list.Select(r => r.Representative.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindAsync_WhenTheOnlyParentLivingWithChildUnderTwelveIsDeceased_OtherParentMayNotRepresent()
    {
        var family = new FamilyRegister();
        var mother = family.Add(new DateOnly(1985, 1, 1), "adr-home", deceasedOn: "2025-05-01");
        var father = family.Add(new DateOnly(1984, 1, 1), "adr-elsewhere");
        var child = family.Add(new DateOnly(2018, 1, 1), "adr-home", parents: [mother, father]);
        var source = new ParentRepresentationSource(family.Build(), new FakeTimeProvider(Today));

        Assert.Empty(await source.FindAsync(father, child, CancellationToken.None));
        Assert.Empty(await source.FindAsync(mother, child, CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_WhenChildIsDeceased_GivesNothing()
    {
        var family = new FamilyRegister();
        var mother = family.Add(new DateOnly(1985, 1, 1), "adr-home");
        var child = family.Add(new DateOnly(2018, 1, 1), "adr-home", deceasedOn: "2025-05-01", parents: [mother]);
        var source = new ParentRepresentationSource(family.Build(), new FakeTimeProvider(Today));

        Assert.Empty(await source.FindAsync(mother, child, CancellationToken.None));
        Assert.Empty(await source.ListRepresentedAsync(mother, CancellationToken.None));
    }
}
