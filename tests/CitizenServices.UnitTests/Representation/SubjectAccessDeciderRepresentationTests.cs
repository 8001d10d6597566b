using CitizenServices.Application.Authorization;
namespace CitizenServices.UnitTests.Representation;

// The enforcement point's decision with parents plugged in, and the address-protection rule it applies to every kind.
public sealed class SubjectAccessDeciderRepresentationTests(SeedPopulationRegisterFixture seed) : IClassFixture<SeedPopulationRegisterFixture>
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));
    private const string Nobody = "01897510150";

    private static NationalIdentityNumber N(string id) => NationalIdentityNumber.Parse(id);

    private SubjectAccessDecider Decider(params IRepresentationSource[] extra) =>
        new([new ParentRepresentationSource(seed.Register, Time), .. extra], seed.Register, Time);

    [Fact]
    public async Task DecideAsync_WhenParentOfChildUnderTwelve_AllowsHealthRecordsOnParentBasis()
    {
        var decision = await Decider().DecideAsync(N(Seed.OlaFather), N(Seed.EmmaUnder12), Scope.HealthRecords, CancellationToken.None);

        Assert.True(decision.IsAllowed);
        Assert.Equal(BasisKind.Parent, decision.Basis?.Kind);
    }

    [Fact]
    public async Task DecideAsync_WhenParentOfTwelveToFifteenAsksForHealthRecords_IsDenied()
    {
        var decision = await Decider().DecideAsync(N(Seed.IngridMotherOfTeenagers), N(Seed.IdaBornOnLeapDay), Scope.HealthRecords, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public async Task DecideAsync_WhenParentHasConfidentialAddress_IsDeniedAlthoughOtherParentIsAllowed()
    {
        var camilla = await Decider().DecideAsync(N(Seed.CamillaConfidentialAddress), N(Seed.AkselChildOfConfidentialMother), Scope.AccessLog, CancellationToken.None);
        var espen = await Decider().DecideAsync(N(Seed.EspenFatherOfAksel), N(Seed.AkselChildOfConfidentialMother), Scope.AccessLog, CancellationToken.None);

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
        var grant = FixedRepresentations.Of(N(Seed.NoraStrictlyConfidential), N(Seed.KariMother), new BasisKind(kind));

        var decision = await Decider(new FixedRepresentations(grant))
            .DecideAsync(N(Seed.NoraStrictlyConfidential), N(Seed.KariMother), Scope.AccessLog, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }

    [Theory]
    [InlineData("fullmakt")]
    [InlineData("guardian")]
    public async Task DecideAsync_WhenSubjectHasStrictlyConfidentialAddress_IsDeniedForEveryKind(string kind)
    {
        var grant = FixedRepresentations.Of(N(Seed.KariMother), N(Seed.NoraStrictlyConfidential), new BasisKind(kind));

        var decision = await Decider(new FixedRepresentations(grant))
            .DecideAsync(N(Seed.KariMother), N(Seed.NoraStrictlyConfidential), Scope.AccessLog, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public async Task DecideAsync_WhenSameGrantBetweenUnprotectedPeople_IsAllowed()
    {
        // The counterpart of the two above: the fixed grant itself works, so the denials come from the address rule.
        var grant = FixedRepresentations.Of(N(Seed.KariMother), N(Seed.OlaFather), BasisKind.Fullmakt);

        var decision = await Decider(new FixedRepresentations(grant))
            .DecideAsync(N(Seed.KariMother), N(Seed.OlaFather), Scope.AccessLog, CancellationToken.None);

        Assert.True(decision.IsAllowed);
    }

    [Fact]
    public async Task DecideAsync_WhenRepresentativeIsUnknownToTheRegister_IsDenied()
    {
        var grant = FixedRepresentations.Of(N(Nobody), N(Seed.KariMother), BasisKind.Fullmakt);

        var decision = await Decider(new FixedRepresentations(grant))
            .DecideAsync(N(Nobody), N(Seed.KariMother), Scope.AccessLog, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public async Task DecideAsync_WhenProtectedPersonActsForThemselves_IsAllowed()
    {
        var decision = await Decider().DecideAsync(N(Seed.NoraStrictlyConfidential), N(Seed.NoraStrictlyConfidential), Scope.HealthRecords, CancellationToken.None);

        Assert.True(decision.IsSelf);
    }

    [Fact]
    public async Task DecideAsync_WhenAnyoneAsksForOwnRepresentationsOfAnother_IsDenied()
    {
        var decision = await Decider().DecideAsync(
            N(Seed.KariMother), N(Seed.EmmaUnder12), Domain.Representation.RepresentationScopes.OwnRepresentations, CancellationToken.None);

        Assert.False(decision.IsAllowed);
    }
}
