namespace CitizenServices.UnitTests.AccessLog;

/// <summary>
/// Rule: the access log names the organisation behind a sector system's lookup (legal entity, sub-unit) and records health
/// personnel by HPR number, in one canonical actor id, so the entry format (and every stored hash) stays as it was.
/// </summary>
public sealed class AccessLogOrganisationTests
{
    private static readonly OrganisationNumber Hospital = OrganisationNumber.Parse("310000019");
    private static readonly OrganisationNumber Department = OrganisationNumber.Parse("310000027");
    private static readonly HprNumber Doctor = HprNumber.Parse("565501872");

    public static TheoryData<string, bool, bool> Ids => new()
    {
        { "310000019", false, false },
        { "310000019/310000027", true, false },
        { "565501872@310000019", false, true },
        { "565501872@310000019/310000027", true, true },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void TryParse_WhenTheIdIsCanonical_RoundTrips(string id, bool hasSubUnit, bool hasHpr)
    {
        Assert.True(AccessLogOrganisation.TryParse(id, out var organisation));

        Assert.Equal(id, organisation.ToId());
        Assert.Equal(Hospital, organisation.LegalEntity);
        Assert.Equal(hasSubUnit, organisation.SubUnit is not null);
        Assert.Equal(hasHpr, organisation.HealthPersonnel is not null);
    }

    [Theory]
    [InlineData("310000018")]            // bad control digit
    [InlineData("310000019/310000019")]  // its own sub-unit
    [InlineData("310000019/")]
    [InlineData("@310000019")]
    [InlineData("0565501872@310000019")]
    [InlineData("310000019/310000027/310000035")]
    [InlineData("Fjordby sykehus HF")]
    [InlineData("")]
    public void TryParse_WhenTheIdIsNotCanonical_Refuses(string id)
    {
        Assert.False(AccessLogOrganisation.TryParse(id, out _));
    }

    [Fact]
    public void Organisation_WhenAnHprNumberIsGiven_IsHealthPersonnelOfTheOrganisation()
    {
        var system = AccessLogActor.Organisation(new AccessLogOrganisation(Hospital, Department, null));
        var person = AccessLogActor.Organisation(new AccessLogOrganisation(Hospital, Department, Doctor));

        Assert.Equal(AccessLogActorKind.Organisation, system.Kind);
        Assert.Equal(AccessLogActorKind.HealthPersonnel, person.Kind);
        Assert.True(person.TryGetOrganisation(out var organisation));
        Assert.Equal(Doctor, organisation.HealthPersonnel);
        Assert.False(person.TryGetPerson(out _));
    }

    [Theory]
    [InlineData(AccessLogActorKind.Organisation, "565501872@310000019")] // an HPR number makes it health personnel
    [InlineData(AccessLogActorKind.HealthPersonnel, "310000019")]       // health personnel needs one
    [InlineData(AccessLogActorKind.Organisation, "not-an-organisation")]
    public void Create_WhenTheKindAndIdDisagree_IsRejected(AccessLogActorKind kind, string id)
    {
        Assert.ThrowsAny<ArgumentException>(() => AccessLogActor.Create(kind, id));
    }

    [Theory]
    [InlineData(AccessLogActorKind.Organisation, "organisation")]
    [InlineData(AccessLogActorKind.HealthPersonnel, "health-personnel")]
    public void Names_WhenANewKindIsWritten_ReadBackAsTheSameKind(AccessLogActorKind kind, string name)
    {
        Assert.Equal(name, AccessLogNames.Of(kind));
        Assert.True(AccessLogNames.TryParseActorKind(name, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void Chain_WhenAnOrganisationActs_HashesItsIdAndVerifies()
    {
        var draft = new AccessLogDraft(
            AccessLogActor.Organisation(new AccessLogOrganisation(Hospital, Department, Doctor)),
            new AccessLogBasis(AccessLogBasisKinds.SectorSystem, "dips-arena"),
            AccessLogAction.Read("consent.lookup"),
            new AccessLogResource("/api/v1/registry/consent-definitions/{definitionId}/persons/{person}", [new("definitionId", "reservation-summary-care-record")]),
            "corr-1",
            AccessLogChannels.SectorSystem);
        var entry = AccessLogChain.Next(AccessLogTestData.Principal, null, draft, AccessLogTestData.Start);
        var otherDoctor = entry with { Actor = AccessLogActor.Organisation(new AccessLogOrganisation(Hospital, Department, HprNumber.Parse("9144889"))) };

        Assert.True(AccessLogVerifier.Verify([entry], AccessLogChain.HeadAfter(entry)).IsIntact);
        Assert.False(AccessLogVerifier.Verify([otherDoctor], AccessLogChain.HeadAfter(entry)).IsIntact);
    }
}
