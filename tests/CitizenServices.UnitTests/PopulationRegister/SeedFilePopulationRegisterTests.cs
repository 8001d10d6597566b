using CitizenServices.Application.PopulationRegister;
namespace CitizenServices.UnitTests.PopulationRegister;

// The committed seed file must keep offering every scenario the representation rules need; each test
// finds its scenario from the data (not from the descriptions), so a careless edit of the file fails here.
public sealed class SeedFilePopulationRegisterTests(SeedPopulationRegisterFixture seed) : IClassFixture<SeedPopulationRegisterFixture>
{
    // A date in the period the seed was written for; the boundary tests look at 2026–2027 as a whole.
    private static readonly DateOnly ScenarioDate = new(2026, 12, 1);

    private IReadOnlyList<RegisteredPerson> People => seed.People;

    [Fact]
    public void Load_WhenCommittedSeedFile_EveryIdIsAValidSyntheticTestNumber()
    {
        Assert.True(People.Count >= 30, $"expected at least 30 people, found {People.Count}");
        Assert.All(People, person =>
        {
            Assert.True(NationalIdentityNumber.IsValid(person.Id.Value));
            Assert.True(person.Id.IsSynthetic, $"{person.FullName} has a non-synthetic number");
        });
    }

    [Fact]
    public void Load_WhenCommittedSeedFile_EveryReferenceResolvesToASeededPerson()
    {
        var references = People.SelectMany(person => person.ParentsWithParentalResponsibility
            .Concat(person.Guardianships.Select(guardianship => guardianship.GuardianId)));

        Assert.All(references, id => Assert.NotNull(seed.Find(id)));
    }

    [Fact]
    public async Task Seed_RegularGps_EveryLivingPersonButATemporaryResidentAndANewbornHasOneAndNobodyDeceasedHas()
    {
        var register = seed.Register;
        var withoutGp = new List<RegisteredPerson>();
        foreach (var person in People)
        {
            var gp = await register.FindRegularGpAsync(person.Id, default);
            if (person.DeceasedOn is not null)
            {
                Assert.Null(gp);
            }
            else if (gp is null)
            {
                withoutGp.Add(person);
            }
        }

        // A D-number holder on no GP's list (the nettlege informer has nobody to write to), and a newborn not on one yet.
        Assert.Equal(2, withoutGp.Count);
        Assert.Single(withoutGp, person => person.Id.Kind == NationalIdentityNumberKind.DNumber);
        Assert.Single(withoutGp, person => person.AgeOn(ScenarioDate) == 0 && person.ParentsWithParentalResponsibility.Count > 0);
    }

    [Fact]
    public void Seed_WhenChildUnderTwelveLivesWithAParentWithParentalResponsibility_IsPresent()
    {
        Assert.Contains(People, child => child.AgeOn(ScenarioDate) < 12 && ParentsOf(child).Any(child.LivesWith));
    }

    [Fact]
    public void Seed_WhenChildUnderTwelveLivesWithNeitherParent_IsPresent()
    {
        var children = People
            .Where(child => child.AgeOn(ScenarioDate) < 12 && child.ParentsWithParentalResponsibility.Count > 0)
            .Where(child => !ParentsOf(child).Any(child.LivesWith))
            .Select(child => child.Id.Value)
            .ToList();

        Assert.Contains(Seed.LukasLivingWithGrandmother, children);
        Assert.Contains(Seed.OliverFosterChild, children);
    }

    [Theory]
    [InlineData(12, 15)]
    [InlineData(16, 17)]
    public void Seed_WhenChildInAgeBandWithParentalResponsibility_IsPresent(int fromAge, int toAge)
    {
        Assert.Contains(People, child =>
            child.ParentsWithParentalResponsibility.Count > 0
            && child.AgeOn(ScenarioDate) >= fromAge
            && child.AgeOn(ScenarioDate) <= toAge);
    }

    [Fact]
    public void Seed_WhenAdultChildLivesWithParents_HasNoParentalResponsibilityRegistered()
    {
        var thea = seed.Person(Seed.TheaAdultChild);

        Assert.True(thea.AgeOn(ScenarioDate) >= 18);
        Assert.Empty(thea.ParentsWithParentalResponsibility);
        Assert.Contains(People, parent =>
            parent.LivesWith(thea) && People.Any(child => child.ParentsWithParentalResponsibility.Contains(parent.Id)));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(18)]
    public void Seed_WhenAgeBandBirthdayFallsIn2026Or2027_IsPresentForAChildWithParents(int age)
    {
        Assert.Contains(People, child =>
            child.ParentsWithParentalResponsibility.Count > 0
            && child.BirthDate.AddYears(age) is { Year: 2026 or 2027 });
    }

    [Fact]
    public void Seed_WhenBornOnLeapDay_IsPresent()
    {
        var leapDay = Assert.Single(People, person => person.BirthDate is { Month: 2, Day: 29 });

        Assert.Equal(14, leapDay.AgeOn(new DateOnly(2027, 2, 28)));
        Assert.Equal(15, leapDay.AgeOn(new DateOnly(2027, 3, 1)));
    }

    [Fact]
    public void Seed_WhenAddressIsConfidential_IsPresentWithAnAddress()
    {
        Assert.Contains(People, person => person.AddressProtection == AddressProtection.Confidential && person.AddressId is not null);
    }

    [Fact]
    public void Seed_WhenAddressIsStrictlyConfidential_IsPresentWithTheAddressWithheld()
    {
        var nora = Assert.Single(People, person => person.AddressProtection == AddressProtection.StrictlyConfidential);

        Assert.Null(nora.AddressId);
        Assert.False(nora.LivesWith(nora));
    }

    [Fact]
    public void Seed_WhenChildHasAParentAtAConfidentialAddress_IsPresentWithAnUnprotectedParentAtHome()
    {
        var child = Assert.Single(People, person =>
            ParentsOf(person).Any(parent => parent.AddressProtection == AddressProtection.Confidential));

        Assert.True(child.AgeOn(ScenarioDate) < 12);
        Assert.Contains(ParentsOf(child), parent => parent.AddressProtection == AddressProtection.None && parent.LivesWith(child));
    }

    [Fact]
    public void Seed_WhenGuardianshipCoversPersonalAndHealthMatters_IsPresentAndActive()
    {
        var guardianship = Assert.Single(seed.Person(Seed.PerUnderHealthGuardianship).Guardianships);

        Assert.Equal(NationalIdentityNumber.Parse(Seed.AstridGuardianOfPer), guardianship.GuardianId);
        Assert.True(guardianship.Covers(GuardianshipScope.Personal, ScenarioDate));
        Assert.True(guardianship.Covers(GuardianshipScope.Health, ScenarioDate));
        Assert.False(guardianship.Covers(GuardianshipScope.Financial, ScenarioDate));
        Assert.Null(guardianship.ValidTo);
    }

    [Fact]
    public void Seed_WhenGuardianshipIsFinancialOnly_GivesNoHealthScopeAndEnds()
    {
        var guardianship = Assert.Single(seed.Person(Seed.GunnarUnderFinancialGuardianship).Guardianships);

        Assert.Equal(NationalIdentityNumber.Parse(Seed.ErikFinancialGuardianOfGunnar), guardianship.GuardianId);
        Assert.True(guardianship.Covers(GuardianshipScope.Financial, ScenarioDate));
        Assert.False(guardianship.Covers(GuardianshipScope.Health, ScenarioDate));
        Assert.False(guardianship.IsActiveOn(guardianship.ValidTo!.Value.AddDays(1)));
    }

    [Fact]
    public void Seed_WhenFosterChild_LivesWithTwoAdultsWhoAreNotItsParents()
    {
        var oliver = seed.Person(Seed.OliverFosterChild);
        // Sofie Strand, another foster child, lives there too; the household's adults are the foster parents.
        var household = People
            .Where(person => person.Id != oliver.Id && person.LivesWith(oliver) && person.AgeOn(new DateOnly(2026, 12, 1)) >= 18)
            .Select(person => person.Id.Value);

        Assert.Equal(new[] { Seed.HildeFosterMother, Seed.TorFosterFather }.Order(), household.Order());
        Assert.Equal(2, oliver.ParentsWithParentalResponsibility.Count);
        Assert.DoesNotContain(ParentsOf(oliver), oliver.LivesWith);
    }

    [Fact]
    public void Seed_WhenPersonLacksCapacity_HasANearestRelativeAgedEighteenOrOver()
    {
        var solveig = seed.Person(Seed.SolveigLacksCapacity);
        var berit = seed.Person(Seed.BeritNearestRelative);

        Assert.True(solveig.AgeOn(ScenarioDate) >= 80);
        Assert.True(berit.AgeOn(ScenarioDate) >= 18);
        Assert.Equal(solveig.FamilyName, berit.FamilyName);
        Assert.False(berit.LivesWith(solveig));
    }

    [Fact]
    public void Seed_WhenPersonIsDeceased_HasADeceasedDateAfterBirth()
    {
        var arne = Assert.Single(People, person => person.IsDeceased);

        Assert.Equal(Seed.ArneDeceased, arne.Id.Value);
        Assert.True(arne.DeceasedOn > arne.BirthDate);
    }

    [Fact]
    public void Seed_WhenDNumber_IsPresentAndSynthetic()
    {
        var piotr = Assert.Single(People, person => person.Id.Kind == NationalIdentityNumberKind.DNumber);

        Assert.Equal(Seed.PiotrDNumber, piotr.Id.Value);
        Assert.True(piotr.Id.IsSynthetic);
    }

    [Fact]
    public void Seed_WhenLookingAtMunicipalities_CoversOsloBergenTrondheimAndStavanger()
    {
        var municipalities = People.Select(person => person.MunicipalityNumber).ToHashSet();

        Assert.Superset(new HashSet<string> { "0301", "4601", "5001", "1103" }, municipalities);
    }

    [Fact]
    public async Task FindAsync_WhenSeededPerson_ReturnsThePersonWithBirthDateFromTheNumber()
    {
        var emma = await seed.Register.FindAsync(NationalIdentityNumber.Parse(Seed.EmmaUnder12), CancellationToken.None);

        Assert.NotNull(emma);
        Assert.Equal("Emma", emma.GivenName);
        Assert.Equal("Hansen", emma.FamilyName);
        Assert.Equal(new DateOnly(2019, 6, 5), emma.BirthDate);
        Assert.Equal("0301", emma.MunicipalityNumber);
    }

    [Fact]
    public async Task FindAsync_WhenNumberIsNotSeeded_ReturnsNull()
    {
        Assert.Null(await seed.Register.FindAsync(NationalIdentityNumber.Parse("01018012371"), CancellationToken.None));
    }

    [Fact]
    public async Task FindChildrenAsync_WhenPersonHasParentalResponsibility_ReturnsThoseChildren()
    {
        var children = await seed.Register.FindChildrenAsync(NationalIdentityNumber.Parse(Seed.KariMother), CancellationToken.None);

        Assert.Equal([Seed.EmmaUnder12, Seed.NoahTurning12], children.Select(child => child.Id.Value).Order());
    }

    [Theory]
    [InlineData(Seed.RandiGrandmother)] // lives with a grandchild, no parental responsibility
    [InlineData(Seed.HildeFosterMother)] // foster parent: not in the register as a parent
    [InlineData("01018012371")] // not in the register at all
    public async Task FindChildrenAsync_WhenPersonHasNoParentalResponsibility_ReturnsEmpty(string id)
    {
        Assert.Empty(await seed.Register.FindChildrenAsync(NationalIdentityNumber.Parse(id), CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_WhenCancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => seed.Register.FindAsync(NationalIdentityNumber.Parse(Seed.EmmaUnder12), cancellation.Token));
    }

    private IEnumerable<RegisteredPerson> ParentsOf(RegisteredPerson child) =>
        child.ParentsWithParentalResponsibility.Select(id => seed.Find(id)).OfType<RegisteredPerson>();
}
