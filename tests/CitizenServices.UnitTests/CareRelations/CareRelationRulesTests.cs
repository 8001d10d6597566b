using CitizenServices.Domain.CareRelations;
using CitizenServices.Domain.Errors;
namespace CitizenServices.UnitTests.CareRelations;

/// <summary>One test per foster care rule (docs/foster-care.md, "Rules").</summary>
public sealed class CareRelationRulesTests
{
    private static readonly NationalIdentityNumber OliverFosterChild = NationalIdentityNumber.Parse(Seed.OliverFosterChild);      // born 2017-10-03
    private static readonly NationalIdentityNumber HildeFosterMother = NationalIdentityNumber.Parse(Seed.HildeFosterMother);      // born 1978
    private static readonly NationalIdentityNumber TorFosterFather = NationalIdentityNumber.Parse(Seed.TorFosterFather);        // born 1976
    private static readonly NationalIdentityNumber SofieFosterChild12To15 = NationalIdentityNumber.Parse(Seed.SofieFosterChild12To15);      // born 2013
    private static readonly NationalIdentityNumber TheaAdultChild = NationalIdentityNumber.Parse(Seed.TheaAdultChild); // born 2006-01-08
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);
    private static readonly Guid NewId = Guid.Parse("0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");

    private static readonly Dictionary<NationalIdentityNumber, RepresentationParty> Registered = new[] { OliverFosterChild, HildeFosterMother, TorFosterFather, SofieFosterChild12To15, TheaAdultChild }
        .ToDictionary(p => p, _ => new RepresentationParty(true, false, false));

    private static CareRelationCommand Register(
        FosterCareLegalBasis basis = FosterCareLegalBasis.VoluntaryPlacement, bool? keeps = null, NationalIdentityNumber[]? fosterParents = null,
        NationalIdentityNumber? child = null, DateOnly? validFrom = null, DateOnly? validTo = null, string reference = "BV-1", int version = 1) => new()
    {
        Kind = CareRelationCommandKind.Register, Child = child ?? OliverFosterChild, Version = version, DecisionReference = reference, Municipality = "0301",
        LegalBasis = basis, FosterParents = fosterParents ?? [HildeFosterMother, TorFosterFather], ValidFrom = validFrom ?? new DateOnly(2026, 11, 1), ValidTo = validTo,
        DelegatedScopes = [Scope.Appointments], ParentsKeepDigitalAccess = keeps, ChangedBy = "cw", Channel = "caseworker-api",
    };

    private static CareRelationDecision Decide(CareRelationCommand command, params CareRelation[] existing) =>
        CareRelationRules.Decide(existing, command, Registered, NewId, Now);

    private static CareRelation Registered1(CareRelationCommand? command = null) => Decide(command ?? Register()).Relation!;

    private static string? Code(CareRelationDecision decision) => decision.Error?.Code;

    [Fact]
    public void Register_WhenValid_IsVersionOneRecordingWhoWhenAndTheDecision()
    {
        var decision = Decide(Register());

        Assert.Equal(CareRelationOutcome.Applied, decision.Outcome);
        var v = Assert.Single(decision.Relation!.History);
        Assert.Equal(1, v.Version);
        Assert.Equal(CareRelationChange.Registered, v.Change);
        Assert.Equal("cw", v.ChangedBy);
        Assert.Equal("BV-1", v.DecisionReference);
        Assert.Equal(Now, v.ChangedAt);
        Assert.Equal(NewId, decision.Relation.Id);
    }

    [Fact]
    public void Register_WhenTheSameDecisionAndVersionComeAgain_IsADuplicateOfTheFirst()
    {
        var first = Registered1();

        var again = Decide(Register(), first);

        Assert.Equal(CareRelationOutcome.Duplicate, again.Outcome);
        Assert.Same(first, again.Relation);
    }

    [Fact]
    public void Register_WhenVoluntaryPlacementDoesNotSayWhetherParentsKeepAccess_ParentsKeepIt() =>
        Assert.True(Registered1(Register(keeps: null)).Current.ParentsKeepDigitalAccess);

    [Theory]
    [InlineData(FosterCareLegalBasis.CareOrder)]
    [InlineData(FosterCareLegalBasis.EmergencyPlacement)]
    public void Register_WhenACareOrderOrEmergencyDoesNotSayWhetherParentsKeepAccess_IsRejected(FosterCareLegalBasis basis) =>
        Assert.Equal("parents-access-required", Code(Decide(Register(basis, keeps: null))));

    [Fact]
    public void Register_WhenNoFosterParentAndNoInstitution_IsRejected() =>
        Assert.Equal("carer-required", Code(Decide(Register(fosterParents: []))));

    [Fact]
    public void Register_WhenAnInstitutionInsteadOfFosterParents_GivesNobodyABasis()
    {
        var relation = Registered1(Register(fosterParents: []) with { Institution = new CareInstitution("974123456", "Barnevernsinstitusjon") });

        Assert.Empty(relation.FosterParentBases());
    }

    [Fact]
    public void Register_WhenBothFosterParentsAndAnInstitution_IsRejected() =>
        Assert.Equal("carer-ambiguous", Code(Decide(Register() with { Institution = new CareInstitution("974123456", "X") })));

    [Fact]
    public void Register_WhenThreeFosterParents_IsRejected() =>
        Assert.Equal("too-many-foster-parents", Code(Decide(Register(fosterParents: [HildeFosterMother, TorFosterFather, TheaAdultChild]))));

    [Fact]
    public void Register_WhenAFosterParentIsUnder18_IsRejectedNamingThem()
    {
        var decision = Decide(Register(fosterParents: [HildeFosterMother, SofieFosterChild12To15]));

        Assert.Equal("foster-parent-not-eligible", Code(decision));
        Assert.Equal("fosterParents[1]", decision.Error!.Field);
    }

    [Fact]
    public void Register_WhenAFosterParentTurned18BeforeTheFirstDay_IsAccepted() =>
        Assert.Equal(CareRelationOutcome.Applied, Decide(Register(fosterParents: [TheaAdultChild], validFrom: new DateOnly(2024, 1, 8))).Outcome);

    [Fact]
    public void Register_WhenAFosterParentIsUnknownToTheRegister_IsRejected()
    {
        var unknown = NationalIdentityNumber.Parse(Seed.KariMother);
        Assert.Equal("foster-parent-not-eligible", Code(Decide(Register(fosterParents: [unknown]))));
    }

    [Fact]
    public void Register_WhenTheFosterParentIsTheChild_IsRejected() =>
        Assert.Equal("foster-parent-is-child", Code(Decide(Register(fosterParents: [OliverFosterChild]))));

    [Fact]
    public void Register_WhenTheSamePersonIsNamedTwice_IsRejected() =>
        Assert.Equal("foster-parent-repeated", Code(Decide(Register(fosterParents: [HildeFosterMother, HildeFosterMother]))));

    [Fact]
    public void Register_WhenTheChildIs18OnTheFirstDay_IsRejected() =>
        Assert.Equal("child-of-age", Code(Decide(Register(child: TheaAdultChild, fosterParents: [HildeFosterMother], validFrom: new DateOnly(2024, 1, 8)))));

    [Fact]
    public void Register_WhenTheFirstDayIsBeforeTheChildsBirth_IsRejectedInsteadOfFailingTheAgeCalculation() =>
        Assert.Equal("valid-from-before-birth", Code(Decide(Register(validFrom: new DateOnly(2010, 1, 1)))));

    [Fact]
    public void Register_WhenAFosterParentIsBornAfterTheFirstDay_IsNotEligibleInsteadOfFailingTheAgeCalculation() =>
        Assert.Equal("foster-parent-not-eligible", Code(Decide(Register(child: SofieFosterChild12To15, fosterParents: [OliverFosterChild], validFrom: new DateOnly(2014, 1, 1)))));

    [Fact]
    public void Register_WhenTheLastDayIsBeforeTheFirst_IsRejected() =>
        Assert.Equal("end-date-before-start", Code(Decide(Register(validTo: new DateOnly(2026, 10, 31)))));

    [Fact]
    public void Register_WhenAnotherRelationCoversPartOfThePeriod_IsAConflict() =>
        Assert.Equal("relation-overlaps", Code(Decide(Register(reference: "BV-2", validFrom: new DateOnly(2027, 1, 1)) with { RelationId = Guid.NewGuid() }, Registered1())));

    [Fact]
    public void Change_WhenTheVersionIsNotTheNext_IsAConflict()
    {
        var relation = Registered1();
        var change = Register(reference: "BV-2", version: 3) with { Kind = CareRelationCommandKind.Change, RelationId = relation.Id };

        Assert.Equal("version-conflict", Code(Decide(change, relation)));
    }

    [Fact]
    public void Change_KeepsEveryEarlierVersion()
    {
        var relation = Registered1();
        var change = Register(FosterCareLegalBasis.CareOrder, keeps: false, reference: "BV-2", version: 2) with
        {
            Kind = CareRelationCommandKind.Change, RelationId = relation.Id,
        };

        var changed = Decide(change, relation).Relation!;

        Assert.Equal([1, 2], changed.History.Select(v => v.Version));
        Assert.Equal(FosterCareLegalBasis.VoluntaryPlacement, changed.History[0].LegalBasis);
        Assert.Equal(CareRelationChange.Changed, changed.Current.Change);
    }

    [Fact]
    public void Change_ByAnotherMunicipality_IsForbidden()
    {
        var relation = Registered1();
        var change = Register(reference: "BV-2", version: 2) with { Kind = CareRelationCommandKind.Change, RelationId = relation.Id, Municipality = "4601" };

        Assert.Equal(ErrorKind.Forbidden, Decide(change, relation).Error!.Kind);
    }

    [Fact]
    public void End_ThenAChange_IsAConflict()
    {
        var relation = Registered1();
        var end = new CareRelationCommand
        {
            Kind = CareRelationCommandKind.End, RelationId = relation.Id, Child = OliverFosterChild, Version = 2, DecisionReference = "BV-3", Municipality = "0301",
            EndDate = new DateOnly(2026, 12, 1), EndReason = "Home again.", ChangedBy = "cw", Channel = "case-system-queue",
        };
        var ended = Decide(end, relation).Relation!;
        var change = Register(reference: "BV-4", version: 3) with { Kind = CareRelationCommandKind.Change, RelationId = relation.Id };

        Assert.True(ended.Ended);
        Assert.Equal(new DateOnly(2026, 12, 1), ended.Current.ValidTo);
        Assert.Equal("relation-ended", Code(Decide(change, ended)));
    }

    [Fact]
    public void FosterParentBasis_AppliesFromTheFirstDayThroughTheLastOsloDay()
    {
        var relation = Registered1(Register(validFrom: new DateOnly(2026, 11, 1), validTo: new DateOnly(2026, 11, 30)));
        var basis = relation.FosterParentBases()[0].Basis;

        Assert.Equal(BasisKind.FosterParent, basis.Kind);
        Assert.False(basis.IsValidAt(new DateTimeOffset(2026, 10, 31, 22, 59, 59, TimeSpan.Zero)));
        Assert.True(basis.IsValidAt(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero)));
        Assert.True(basis.IsValidAt(new DateTimeOffset(2026, 11, 30, 22, 59, 59, TimeSpan.Zero)));
        Assert.False(basis.IsValidAt(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Scopes_AppointmentsImplyPrimaryCareAndNothingOutsideTheDelegableSetIsEverGiven()
    {
        var scopes = CareRelationScopes.Of([Scope.Appointments, Scope.Consents, Scope.Representation, Scope.AccessLog]);

        Assert.Equal(
            new[] { Scope.Appointments, RepresentationScopes.AppointmentsPrimaryCare }.OrderBy(s => s.Value),
            scopes.OrderBy(s => s.Value));
    }

    [Theory]
    [InlineData(FosterCareLegalBasis.VoluntaryPlacement, true, ParentalAccessUnderCare.Keeps)]
    [InlineData(FosterCareLegalBasis.VoluntaryPlacement, false, ParentalAccessUnderCare.Removed)]
    [InlineData(FosterCareLegalBasis.CareOrder, true, ParentalAccessUnderCare.Keeps)]
    [InlineData(FosterCareLegalBasis.CareOrder, false, ParentalAccessUnderCare.Removed)]
    [InlineData(FosterCareLegalBasis.EmergencyPlacement, false, ParentalAccessUnderCare.Removed)]
    public void ParentalAccess_WhileARelationApplies_FollowsTheDecision(FosterCareLegalBasis basis, bool keeps, ParentalAccessUnderCare expected) =>
        Assert.Equal(expected, FosterCareParentalAccess.Of([Registered1(Register(basis, keeps))], Now));

    [Fact]
    public void ParentalAccess_BeforeTheFirstDayOrAfterTheLast_IsUnaffected()
    {
        var later = Registered1(Register(FosterCareLegalBasis.CareOrder, false, validFrom: new DateOnly(2027, 1, 1)));
        var over = Registered1(Register(FosterCareLegalBasis.CareOrder, false, validFrom: new DateOnly(2026, 1, 1), validTo: new DateOnly(2026, 11, 30)));

        Assert.Equal(ParentalAccessUnderCare.NotInCare, FosterCareParentalAccess.Of([later], Now));
        Assert.Equal(ParentalAccessUnderCare.NotInCare, FosterCareParentalAccess.Of([over], Now));
    }

    [Fact]
    public void Event_OfARegistration_NamesTheFosterParentsAndTheParentsSeparately()
    {
        var relation = Registered1();
        var parent = NationalIdentityNumber.Parse(Seed.LinnMotherOfFosterChild);

        var (type, data) = CareRelationRules.EventOf(relation, [parent]);

        Assert.Equal(EventTypes.FosterRelationRegistered, type);
        Assert.Equal([HildeFosterMother, TorFosterFather], data.FosterParents);
        Assert.Equal([parent], data.Parents);
        Assert.Null(data.Validate());
    }
}
