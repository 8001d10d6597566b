namespace CitizenServices.UnitTests.Representation;

// The enforcement point's decision with parents plugged in, and the address-protection rule it applies to every kind.
public sealed class SubjectAccessDeciderRepresentationTests(SeedPopulationRegisterFixture seed) : IClassFixture<SeedPopulationRegisterFixture>
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));
    private const string Nobody = "01897510150";
    private const string CamillaNilsen = SeedPeople.CamillaNilsen;
    private const string EspenVik = "08888746367";

    private static NationalIdentityNumber N(string id) => NationalIdentityNumber.Parse(id);

    private SubjectAccessDecider Decider(params IRepresentationSource[] extra) =>
        new([new ParentRepresentationSource(seed.Register, Time), .. extra], seed.Register, Time);

    [Fact]
    public async Task DecideAsync_WhenParentOfChildUnderTwelve_AllowsHealthRecordsOnParentBasis()
    {
        var decision = await Decider().DecideAsync(N(SeedPeople.OlaHansen), N(SeedPeople.EmmaHansen), Scope.HealthRecords, CancellationToken.None);

        Assert.True(decision.IsAllowed);
        Assert.Equal(BasisKind.Parent, decision.Basis?.Kind);
    }

    [Fact]
    public async Task DecideAsync_WhenParentOfTwelveToFifteenAsksForHealthRecords_IsDenied()
    {
        var decision = await Decider().DecideAsync(N("25888012012"), N(SeedPeople.IdaJohansen), Scope.HealthRecords, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public async Task DecideAsync_WhenParentHasConfidentialAddress_IsDeniedAlthoughOtherParentIsAllowed()
    {
        var camilla = await Decider().DecideAsync(N(CamillaNilsen), N(SeedPeople.AkselVik), Scope.AccessLog, CancellationToken.None);
        var espen = await Decider().DecideAsync(N(EspenVik), N(SeedPeople.AkselVik), Scope.AccessLog, CancellationToken.None);

        Assert.False(camilla.IsAllowed);
        Assert.True(espen.IsAllowed);
    }

    [Fact]
    public async Task DecideAsync_WhenChildHasConfidentialAddress_ParentLivingWithItIsDenied()
    {
        var family = new FamilyRegister();
        var mother = family.Add(new DateOnly(1985, 1, 1), "adr-home", protection: "confidential");
        var child = family.Add(new DateOnly(2018, 1, 1), "adr-home", protection: "confidential", parents: [mother]);
        var register = family.Build();
        var decider = new SubjectAccessDecider([new ParentRepresentationSource(register, Time)], register, Time);

        var decision = await decider.DecideAsync(mother, child, Scope.AccessLog, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }

    [Theory]
    [InlineData("fullmakt")]
    [InlineData("guardian")]
    [InlineData("foster-parent")]
    public async Task DecideAsync_WhenRepresentativeHasStrictlyConfidentialAddress_IsDeniedForEveryKind(string kind)
    {
        var grant = FixedRepresentations.Of(N(SeedPeople.NoraSolberg), N(SeedPeople.KariHansen), new BasisKind(kind));

        var decision = await Decider(new FixedRepresentations(grant))
            .DecideAsync(N(SeedPeople.NoraSolberg), N(SeedPeople.KariHansen), Scope.AccessLog, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }

    [Theory]
    [InlineData("fullmakt")]
    [InlineData("guardian")]
    public async Task DecideAsync_WhenSubjectHasStrictlyConfidentialAddress_IsDeniedForEveryKind(string kind)
    {
        var grant = FixedRepresentations.Of(N(SeedPeople.KariHansen), N(SeedPeople.NoraSolberg), new BasisKind(kind));

        var decision = await Decider(new FixedRepresentations(grant))
            .DecideAsync(N(SeedPeople.KariHansen), N(SeedPeople.NoraSolberg), Scope.AccessLog, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public async Task DecideAsync_WhenSameGrantBetweenUnprotectedPeople_IsAllowed()
    {
        // The counterpart of the two above: the fixed grant itself works, so the denials come from the address rule.
        var grant = FixedRepresentations.Of(N(SeedPeople.KariHansen), N(SeedPeople.OlaHansen), BasisKind.Fullmakt);

        var decision = await Decider(new FixedRepresentations(grant))
            .DecideAsync(N(SeedPeople.KariHansen), N(SeedPeople.OlaHansen), Scope.AccessLog, CancellationToken.None);

        Assert.True(decision.IsAllowed);
    }

    [Fact]
    public async Task DecideAsync_WhenRepresentativeIsUnknownToTheRegister_IsDenied()
    {
        var grant = FixedRepresentations.Of(N(Nobody), N(SeedPeople.KariHansen), BasisKind.Fullmakt);

        var decision = await Decider(new FixedRepresentations(grant))
            .DecideAsync(N(Nobody), N(SeedPeople.KariHansen), Scope.AccessLog, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public async Task DecideAsync_WhenProtectedPersonActsForThemselves_IsAllowed()
    {
        var decision = await Decider().DecideAsync(N(SeedPeople.NoraSolberg), N(SeedPeople.NoraSolberg), Scope.HealthRecords, CancellationToken.None);

        Assert.True(decision.IsSelf);
    }

    [Fact]
    public async Task DecideAsync_WhenAnyoneAsksForOwnRepresentationsOfAnother_IsDenied()
    {
        var decision = await Decider().DecideAsync(
            N(SeedPeople.KariHansen), N(SeedPeople.EmmaHansen), Domain.Representation.RepresentationScopes.OwnRepresentations, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }
}
