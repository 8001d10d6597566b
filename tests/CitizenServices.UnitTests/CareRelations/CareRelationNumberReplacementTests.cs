namespace CitizenServices.UnitTests.CareRelations;

/// <summary>Rule: a foster parent whose D-number is replaced by a birth number keeps the relation, as a new version.</summary>
public sealed class CareRelationNumberReplacementTests
{
    private static readonly NationalIdentityNumber Child = NationalIdentityNumber.Parse("03901770106");
    private static readonly NationalIdentityNumber DNumber = NationalIdentityNumber.Parse("49858814331");
    private static readonly NationalIdentityNumber BirthNumber = NationalIdentityNumber.Parse("01018010018");
    private static readonly NationalIdentityNumber Tor = NationalIdentityNumber.Parse("08827625125");
    private static readonly DateTimeOffset Registered = new(2026, 11, 1, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);

    private static CareRelation Relation(CareRelationChange change = CareRelationChange.Registered) => new(Guid.NewGuid(), Child,
    [
        new CareRelationVersion
        {
            Version = 1, Change = change, LegalBasis = FosterCareLegalBasis.CareOrder, FosterParents = [DNumber, Tor], Municipality = "0301",
            ValidFrom = new DateOnly(2026, 11, 1), DelegatedScopes = [Scope.Appointments], ParentsKeepDigitalAccess = false,
            DecisionReference = "BV-1", ChangedBy = "cw", Channel = "caseworker-api", ChangedAt = Registered,
        },
    ]);

    [Fact]
    public void ReplaceFosterParent_WhenCurrent_AddsAVersionByTheRegisterWithTheDecisionUnchanged()
    {
        var relation = Relation();

        var followed = CareRelationNumberReplacement.ReplaceFosterParent(relation, DNumber, BirthNumber, Now)!;

        Assert.Equal(2, followed.History.Count);
        Assert.Equal(relation.History[0], followed.History[0]);
        var v = followed.Current;
        Assert.Equal((2, CareRelationChange.Changed), (v.Version, v.Change));
        Assert.Equal([BirthNumber, Tor], v.FosterParents);
        Assert.Equal((CareRelationNumberReplacement.ChangedBy, CareRelationNumberReplacement.Channel, Now), (v.ChangedBy, v.Channel, v.ChangedAt));
        Assert.Equal(
            relation.Current with { Version = 2, Change = CareRelationChange.Changed, FosterParents = v.FosterParents, ChangedBy = v.ChangedBy, Channel = v.Channel, ChangedAt = Now },
            v);
        Assert.Equal(EventTypes.FosterRelationChanged, CareRelationRules.EventOf(followed, []).Type);
    }

    [Fact]
    public void ReplaceFosterParent_WhenEndedOrAlreadyFollowed_IsNothingToDo()
    {
        var followed = CareRelationNumberReplacement.ReplaceFosterParent(Relation(), DNumber, BirthNumber, Now)!;

        Assert.Null(CareRelationNumberReplacement.ReplaceFosterParent(followed, DNumber, BirthNumber, Now));
        Assert.Null(CareRelationNumberReplacement.ReplaceFosterParent(Relation(CareRelationChange.Ended), DNumber, BirthNumber, Now));
    }
}
