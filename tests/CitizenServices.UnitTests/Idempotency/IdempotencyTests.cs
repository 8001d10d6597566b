using CitizenServices.Application.Idempotency;

namespace CitizenServices.UnitTests.Idempotency;

/// <summary>
/// The one Idempotency-Key component every module's creates use (fullmakt grants, appointment bookings): the key is
/// scoped to who sent it and stored hashed, the request is fingerprinted, and a retry is answered from the record.
/// </summary>
public sealed class IdempotencyTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("a")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("retry #1: ~ and spaces")]
    public void Validate_WhenKeyIsPrintableAscii_AcceptsIt(string key) =>
        Assert.Null(IdempotencyKey.Validate(key));

    [Fact]
    public void Validate_WhenKeyIsExactlyTheLongestAllowed_AcceptsIt() =>
        Assert.Null(IdempotencyKey.Validate(new string('k', IdempotencyKey.MaxKeyLength)));

    [Theory]
    [InlineData("")]
    [InlineData("tab\tinside")]
    [InlineData("line\nbreak")]
    [InlineData("blåbær")]
    [InlineData("delete\u007f")]
    public void Validate_WhenKeyIsEmptyOrNotPrintableAscii_NamesTheRule(string key) =>
        Assert.Equal("Idempotency-Key must be 1-200 printable ASCII characters.", IdempotencyKey.Validate(key));

    [Fact]
    public void Validate_WhenKeyIsOneCharacterTooLong_RefusesIt() =>
        Assert.NotNull(IdempotencyKey.Validate(new string('k', IdempotencyKey.MaxKeyLength + 1)));

    [Fact]
    public void Id_WhenTwoCallersPickTheSameKey_KeepsTheirRecordsApart() =>
        Assert.NotEqual(new IdempotencyKey("citizen:01010112345", "abc").Id, new IdempotencyKey("citizen:02020212345", "abc").Id);

    [Fact]
    public void Id_WhenComputed_IsTheFormatStoredKeysAreFoundBy()
    {
        // Records already stored are looked up by this value (SHA-256 of "{actor}\n{key}", lowercase hex): a change to how
        // the id is computed would make every stored key unknown, and a retry would create a second fullmakt or booking.
        Assert.Equal("88e6d5a6699ea41876ce1125f34cb8aef04c045fb31869a2f9b31c498ad58665", new IdempotencyKey("citizen:01010112345", "abc").Id);
    }

    [Fact]
    public void RequestHash_WhenAPartIsMissingRatherThanEmpty_TellsThemApart()
    {
        Assert.NotEqual(IdempotentCreate.RequestHash("book", null), IdempotentCreate.RequestHash("book", string.Empty));
        Assert.Equal("8912163d0a229190f284c306646fb1aacc8a7c0c961172249624a3a938d91c2b", IdempotentCreate.RequestHash("book", null, string.Empty));
    }

    [Fact]
    public void RequestHash_WhenAPartDiffers_Differs() =>
        Assert.NotEqual(IdempotentCreate.RequestHash("book", "schedule-1", "slot-1"), IdempotentCreate.RequestHash("book", "schedule-1", "slot-2"));

    [Fact]
    public void Replay_WhenTheKeyIsNew_AnswersNothingSoTheCreateGoesAhead()
    {
        var records = Records(Record("other-key", "hash", Guid.NewGuid()));

        Assert.Null(IdempotentCreate.Replay(records, "new-key", "hash", _ => "created"));
    }

    [Fact]
    public void Replay_WhenTheCreateWasSentWithoutAKey_AnswersNothing() =>
        Assert.Null(IdempotentCreate.Replay(Records(Record("key", "hash", Guid.NewGuid())), null, "hash", _ => "created"));

    [Fact]
    public void Replay_WhenSameKeyAndSameRequest_AnswersWithWhatTheFirstRequestCreated()
    {
        var first = Guid.NewGuid();
        var records = Records(Record("key", "hash", first));

        var replay = IdempotentCreate.Replay(records, "key", "hash", id => id == first ? "the first booking" : null);

        Assert.NotNull(replay);
        Assert.Equal("the first booking", replay.Value);
    }

    [Fact]
    public void Replay_WhenSameKeyWithADifferentRequest_RefusesWithKeyReusedNamingTheHeader()
    {
        var records = Records(Record("key", "hash-of-the-first-request", Guid.NewGuid()));

        var replay = IdempotentCreate.Replay(records, "key", "hash-of-another-request", _ => "created");

        Assert.NotNull(replay);
        Assert.Equal(ErrorKind.Invalid, replay.Error!.Kind);
        Assert.Equal("idempotency-key-reused", replay.Error.Code);
        Assert.Equal("Idempotency-Key", replay.Error.Field);
    }

    [Fact]
    public void Replay_WhenTheRecordPointsAtSomethingThePartitionLacks_ThrowsInsteadOfCreatingAgain()
    {
        // Record and creation commit in one transaction, so this is a bug: answering "new" would create a duplicate.
        var records = Records(Record("key", "hash", Guid.NewGuid()));

        Assert.Throws<InvalidOperationException>(() => IdempotentCreate.Replay<string>(records, "key", "hash", _ => null));
    }

    private static IdempotencyRecord Record(string keyId, string hash, Guid created) => new(keyId, hash, created, At);

    private static Dictionary<string, IdempotencyRecord> Records(params IdempotencyRecord[] records) =>
        records.ToDictionary(r => r.KeyId, StringComparer.Ordinal);
}
