using CitizenServices.Application.Authorization;
namespace CitizenServices.UnitTests.Representation;

public sealed class RepresentationListingTests(SeedPopulationRegisterFixture seed) : IClassFixture<SeedPopulationRegisterFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Time = new(Now);

    private static NationalIdentityNumber N(string id) => NationalIdentityNumber.Parse(id);

    private RepresentationListing Listing(params FixedRepresentations[] extra)
    {
        var parents = new ParentRepresentationSource(seed.Register, Time);
        return new([parents, .. extra], [parents, .. extra], seed.Register, Time);
    }

    [Fact]
    public async Task ListRepresentedAsync_WhenSeveralKinds_CombinesEveryDirectoryGroupedByPerson()
    {
        var fullmakt = FixedRepresentations.Of(N(Seed.KariMother), N(Seed.OlaFather), BasisKind.Fullmakt);

        var list = await Listing(new FixedRepresentations(fullmakt)).ListRepresentedAsync(N(Seed.KariMother), CancellationToken.None);

        Assert.Equal(
            new[] { Seed.OlaFather, Seed.NoahTurning12, Seed.EmmaUnder12 }, // oldest first
            list.Select(p => p.Person.Id.Value));
        Assert.Equal(BasisKind.Fullmakt, Assert.Single(list[0].Bases).Kind);
        Assert.Equal(BasisKind.Parent, Assert.Single(list[2].Bases).Kind);
    }

    [Fact]
    public async Task ListRepresentedAsync_WhenRepresentationHasEnded_LeavesItOut()
    {
        var ended = FixedRepresentations.Of(N(Seed.KariMother), N(Seed.OlaFather), BasisKind.Fullmakt, validTo: Now.AddSeconds(-1));

        var list = await Listing(new FixedRepresentations(ended)).ListRepresentedAsync(N(Seed.KariMother), CancellationToken.None);

        Assert.DoesNotContain(list, p => p.Person.Id == N(Seed.OlaFather));
    }

    [Fact]
    public async Task ListRepresentedAsync_WhenCallerHasConfidentialAddress_IsEmpty()
    {
        Assert.Empty(await Listing().ListRepresentedAsync(N(Seed.CamillaConfidentialAddress), CancellationToken.None));
    }

    [Fact]
    public async Task ListRepresentedAsync_WhenRepresentedPersonHasConfidentialAddress_LeavesThemOut()
    {
        var toNora = FixedRepresentations.Of(N(Seed.KariMother), N(Seed.NoraStrictlyConfidential), BasisKind.Fullmakt);

        var list = await Listing(new FixedRepresentations(toNora)).ListRepresentedAsync(N(Seed.KariMother), CancellationToken.None);

        Assert.DoesNotContain(list, p => p.Person.Id == N(Seed.NoraStrictlyConfidential));
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public async Task ListRepresentativesAsync_WhenOneParentHasConfidentialAddress_ListsOnlyTheOther()
    {
        var list = await Listing().ListRepresentativesAsync(N(Seed.AkselChildOfConfidentialMother), N(Seed.AkselChildOfConfidentialMother), CancellationToken.None);

        Assert.Equal(Seed.EspenFatherOfAksel, Assert.Single(list).Person.Id.Value);
    }

    [Fact]
    public async Task ListRepresentativesAsync_WhenViewerIsARepresentative_HidesFosterParents()
    {
        var foster = FixedRepresentations.Of(N(Seed.HildeFosterMother), N(Seed.EmmaUnder12), BasisKind.FosterParent);
        var listing = Listing(new FixedRepresentations(foster));

        var asParent = await listing.ListRepresentativesAsync(N(Seed.EmmaUnder12), N(Seed.KariMother), CancellationToken.None);
        var asChild = await listing.ListRepresentativesAsync(N(Seed.EmmaUnder12), N(Seed.EmmaUnder12), CancellationToken.None);

        Assert.DoesNotContain(asParent, p => p.Person.Id == N(Seed.HildeFosterMother));
        Assert.Contains(asChild, p => p.Person.Id == N(Seed.HildeFosterMother));
    }

    [Fact]
    public async Task ListRepresentativesAsync_WhenSubjectHasStrictlyConfidentialAddress_IsEmpty()
    {
        var toNora = FixedRepresentations.Of(N(Seed.KariMother), N(Seed.NoraStrictlyConfidential), BasisKind.Fullmakt);

        var list = await Listing(new FixedRepresentations(toNora)).ListRepresentativesAsync(
            N(Seed.NoraStrictlyConfidential), N(Seed.NoraStrictlyConfidential), CancellationToken.None);

        Assert.Empty(list);
    }
}
