namespace CitizenServices.UnitTests.Representation;

public sealed class RepresentationListingTests(SeedPopulationRegisterFixture seed) : IClassFixture<SeedPopulationRegisterFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Time = new(Now);
    private const string EspenVik = "08888746367";

    private static NationalIdentityNumber N(string id) => NationalIdentityNumber.Parse(id);

    private RepresentationListing Listing(params FixedRepresentations[] extra)
    {
        var parents = new ParentRepresentationSource(seed.Register, Time);
        return new([parents, .. extra], [parents, .. extra], seed.Register, Time);
    }

    [Fact]
    public async Task ListRepresentedAsync_WhenSeveralKinds_CombinesEveryDirectoryGroupedByPerson()
    {
        var fullmakt = FixedRepresentations.Of(N(SeedPeople.KariHansen), N(SeedPeople.OlaHansen), BasisKind.Fullmakt);

        var list = await Listing(new FixedRepresentations(fullmakt)).ListRepresentedAsync(N(SeedPeople.KariHansen), CancellationToken.None);

        Assert.Equal(
            new[] { SeedPeople.OlaHansen, SeedPeople.NoahHansen, SeedPeople.EmmaHansen }, // oldest first
            list.Select(p => p.Person.Id.Value));
        Assert.Equal(BasisKind.Fullmakt, Assert.Single(list[0].Bases).Kind);
        Assert.Equal(BasisKind.Parent, Assert.Single(list[2].Bases).Kind);
    }

    [Fact]
    public async Task ListRepresentedAsync_WhenRepresentationHasEnded_LeavesItOut()
    {
        var ended = FixedRepresentations.Of(N(SeedPeople.KariHansen), N(SeedPeople.OlaHansen), BasisKind.Fullmakt, validTo: Now.AddSeconds(-1));

        var list = await Listing(new FixedRepresentations(ended)).ListRepresentedAsync(N(SeedPeople.KariHansen), CancellationToken.None);

        Assert.DoesNotContain(list, p => p.Person.Id == N(SeedPeople.OlaHansen));
    }

    [Fact]
    public async Task ListRepresentedAsync_WhenCallerHasConfidentialAddress_IsEmpty()
    {
        Assert.Empty(await Listing().ListRepresentedAsync(N(SeedPeople.CamillaNilsen), CancellationToken.None));
    }

    [Fact]
    public async Task ListRepresentedAsync_WhenRepresentedPersonHasConfidentialAddress_LeavesThemOut()
    {
        var toNora = FixedRepresentations.Of(N(SeedPeople.KariHansen), N(SeedPeople.NoraSolberg), BasisKind.Fullmakt);

        var list = await Listing(new FixedRepresentations(toNora)).ListRepresentedAsync(N(SeedPeople.KariHansen), CancellationToken.None);

        Assert.DoesNotContain(list, p => p.Person.Id == N(SeedPeople.NoraSolberg));
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public async Task ListRepresentativesAsync_WhenOneParentHasConfidentialAddress_ListsOnlyTheOther()
    {
        var list = await Listing().ListRepresentativesAsync(N(SeedPeople.AkselVik), N(SeedPeople.AkselVik), CancellationToken.None);

        Assert.Equal(EspenVik, Assert.Single(list).Person.Id.Value);
    }

    [Fact]
    public async Task ListRepresentativesAsync_WhenViewerIsARepresentative_HidesFosterParents()
    {
        var foster = FixedRepresentations.Of(N(SeedPeople.HildeBakken), N(SeedPeople.EmmaHansen), BasisKind.FosterParent);
        var listing = Listing(new FixedRepresentations(foster));

        var asParent = await listing.ListRepresentativesAsync(N(SeedPeople.EmmaHansen), N(SeedPeople.KariHansen), CancellationToken.None);
        var asChild = await listing.ListRepresentativesAsync(N(SeedPeople.EmmaHansen), N(SeedPeople.EmmaHansen), CancellationToken.None);

        Assert.DoesNotContain(asParent, p => p.Person.Id == N(SeedPeople.HildeBakken));
        Assert.Contains(asChild, p => p.Person.Id == N(SeedPeople.HildeBakken));
    }

    [Fact]
    public async Task ListRepresentativesAsync_WhenSubjectHasStrictlyConfidentialAddress_IsEmpty()
    {
        var toNora = FixedRepresentations.Of(N(SeedPeople.KariHansen), N(SeedPeople.NoraSolberg), BasisKind.Fullmakt);

        var list = await Listing(new FixedRepresentations(toNora)).ListRepresentativesAsync(
            N(SeedPeople.NoraSolberg), N(SeedPeople.NoraSolberg), CancellationToken.None);

        Assert.Empty(list);
    }
}
