using static CitizenServices.UnitTests.AccessLog.AccessLogTestData;

namespace CitizenServices.UnitTests.AccessLog;

public sealed class AccessLogChainTests
{
    // The documented v1 bytes, written out by hand from the format description, not produced by the code under test.
    private const string ExpectedCanonicalV1 =
        "helsenorge-citizen-services/access-log-entry/v1\n" +
        "principal=11:01859010071\n" +
        "sequence=1:7\n" +
        "previous-hash=64:0000000000000000000000000000000000000000000000000000000000000000\n" +
        "occurred-at=28:2025-03-30T00:30:00.1230000Z\n" +
        "actor.kind=6:person\n" +
        "actor.id=11:15859010099\n" +
        "basis.kind=8:fullmakt\n" +
        "basis.relation-id=~\n" +
        "action.kind=5:write\n" +
        "action.operation=17:appointments.book\n" +
        "resource.template=38:/api/v1/persons/{subject}/appointments\n" +
        "resource.ids=1:2\n" +
        "resource.id.name=7:subject\n" +
        "resource.id.value=11:01859010071\n" +
        "resource.id.name=4:zone\n" +
        "resource.id.value=7:Tromsø\n" +
        "correlation-id=6:corr-7\n" +
        "channel=14:helsenorge-web\n";

    // sha256 of ExpectedCanonicalV1, computed with coreutils `sha256sum`, not with the code under test.
    private const string ExpectedHashV1 = "405e6f7e076ae0e0b7374c4cc1383d36888240913531ede2d4ee28ae2cb7c4dc";

    private static AccessLogEntry Fixed() => new()
    {
        Principal = Principal,
        Sequence = 7,
        FormatVersion = 1,
        OccurredAt = new DateTimeOffset(2025, 3, 30, 0, 30, 0, 123, TimeSpan.Zero),
        Actor = AccessLogActor.Person(Representative),
        Basis = new AccessLogBasis(AccessLogBasisKinds.Fullmakt),
        Action = AccessLogAction.Write("appointments.book"),
        // Given out of order on purpose: the serialization must sort them.
        Resource = new AccessLogResource("/api/v1/persons/{subject}/appointments", [new("zone", "Tromsø"), new("subject", Principal.Value)]),
        CorrelationId = "corr-7",
        Channel = AccessLogChannels.HelsenorgeWeb,
        PreviousHash = AccessLogHash.Genesis,
        Hash = AccessLogHash.Genesis,
    };

    [Fact]
    public void Canonicalize_WhenEntryIsFixed_ProducesTheDocumentedV1Bytes()
    {
        Assert.Equal(ExpectedCanonicalV1, Encoding.UTF8.GetString(AccessLogChain.Canonicalize(Fixed())));
    }

    [Fact]
    public void ComputeHash_WhenEntryIsFixed_MatchesThePinnedV1Hash()
    {
        Assert.Equal(ExpectedHashV1, AccessLogChain.ComputeHash(Fixed()).Hex);
    }

    [Fact]
    public void ComputeHash_WhenStoredHashDiffers_IgnoresTheStoredHash()
    {
        var entry = Fixed();

        Assert.Equal(AccessLogChain.ComputeHash(entry), AccessLogChain.ComputeHash(entry with { Hash = AccessLogHash.Of([1]) }));
    }

    [Fact]
    public void ComputeHash_WhenResourceIdsGivenInAnotherOrder_IsUnchanged()
    {
        var reordered = Fixed() with
        {
            Resource = new AccessLogResource("/api/v1/persons/{subject}/appointments", [new("subject", Principal.Value), new("zone", "Tromsø")]),
        };

        Assert.Equal(AccessLogChain.ComputeHash(Fixed()), AccessLogChain.ComputeHash(reordered));
    }

    public static TheoryData<string, Func<AccessLogEntry, AccessLogEntry>> FieldChanges => new()
    {
        { "principal", e => e with { Principal = OtherPerson } },
        { "sequence", e => e with { Sequence = 8 } },
        { "previous hash", e => e with { PreviousHash = AccessLogHash.Of([1]) } },
        { "time (one millisecond)", e => e with { OccurredAt = e.OccurredAt.AddMilliseconds(1) } },
        { "actor kind", e => e with { Actor = AccessLogActor.Workforce(Representative.Value) } },
        { "actor id", e => e with { Actor = AccessLogActor.Person(OtherPerson) } },
        { "basis kind", e => e with { Basis = new AccessLogBasis(AccessLogBasisKinds.Parent) } },
        { "basis relation id added", e => e with { Basis = new AccessLogBasis(AccessLogBasisKinds.Fullmakt, "fm-1") } },
        { "access kind", e => e with { Action = AccessLogAction.Read("appointments.book") } },
        { "operation", e => e with { Action = AccessLogAction.Write("appointments.cancel") } },
        { "template", e => e with { Resource = new AccessLogResource("/api/v1/persons/{subject}/consents", e.Resource.Ids) } },
        { "id value", e => e with { Resource = new AccessLogResource(e.Resource.Template, [new("subject", OtherPerson.Value), new("zone", "Tromsø")]) } },
        { "id name", e => e with { Resource = new AccessLogResource(e.Resource.Template, [new("subject", Principal.Value), new("area", "Tromsø")]) } },
        { "id removed", e => e with { Resource = new AccessLogResource(e.Resource.Template, [new("subject", Principal.Value)]) } },
        { "correlation id", e => e with { CorrelationId = "corr-8" } },
        { "channel", e => e with { Channel = AccessLogChannels.CaseSystem } },
    };

    [Theory]
    [MemberData(nameof(FieldChanges))]
    public void ComputeHash_WhenAnyHashedFieldChanges_Changes(string field, Func<AccessLogEntry, AccessLogEntry> change)
    {
        var original = AccessLogChain.ComputeHash(Fixed());

        Assert.True(original != AccessLogChain.ComputeHash(change(Fixed())), $"changing the {field} kept the hash");
    }

    [Fact]
    public void ComputeHash_WhenCharactersMoveBetweenAdjacentFields_Changes()
    {
        // Without length prefixes "ab" + "c" and "a" + "bc" would serialize alike.
        var left = Fixed() with { CorrelationId = "corr-7x", Channel = "y" };
        var right = Fixed() with { CorrelationId = "corr-7", Channel = "xy" };

        Assert.NotEqual(AccessLogChain.ComputeHash(left), AccessLogChain.ComputeHash(right));
    }

    [Fact]
    public void Canonicalize_WhenFormatVersionIsUnknown_Throws()
    {
        Assert.Throws<NotSupportedException>(() => AccessLogChain.Canonicalize(Fixed() with { FormatVersion = 2 }));
    }

    [Fact]
    public void Next_WhenNoHead_StartsAtOneAfterTheGenesisHash()
    {
        var entry = AccessLogChain.Next(Principal, null, Draft(), Start);

        Assert.Equal(1, entry.Sequence);
        Assert.Equal(AccessLogHash.Genesis, entry.PreviousHash);
        Assert.Equal(AccessLogChain.CurrentFormatVersion, entry.FormatVersion);
        Assert.Equal(AccessLogChain.ComputeHash(entry), entry.Hash);
    }

    [Fact]
    public void Next_WhenHeadGiven_FollowsTheHeadsSequenceAndHash()
    {
        var head = new AccessLogHead(41, AccessLogHash.Of([4, 1]));

        var entry = AccessLogChain.Next(Principal, head, Draft(), Start);

        Assert.Equal(42, entry.Sequence);
        Assert.Equal(head.Hash, entry.PreviousHash);
        Assert.Equal(new AccessLogHead(42, entry.Hash), AccessLogChain.HeadAfter(entry));
    }

    [Fact]
    public void Next_WhenTimeHasOffsetAndSubMillisecondTicks_RecordsUtcTruncatedToMilliseconds()
    {
        var local = new DateTimeOffset(2025, 3, 30, 2, 30, 0, 123, TimeSpan.FromHours(2)).AddTicks(4_567);

        var entry = AccessLogChain.Next(Principal, null, Draft(), local);

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 0, 30, 0, 123, TimeSpan.Zero), entry.OccurredAt);
        Assert.Equal(TimeSpan.Zero, entry.OccurredAt.Offset);
    }

    [Fact]
    public void Next_WhenDraftIsCopied_TakesEveryDraftField()
    {
        var draft = Draft("consents.read", "corr-x");

        var entry = AccessLogChain.Next(Principal, null, draft, Start);

        Assert.Equal(
            (draft.Actor, draft.Basis, draft.Action, draft.Resource, draft.CorrelationId, draft.Channel),
            (entry.Actor, entry.Basis, entry.Action, entry.Resource, entry.CorrelationId, entry.Channel));
    }
}
