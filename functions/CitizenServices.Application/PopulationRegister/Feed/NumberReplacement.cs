namespace CitizenServices.Application.PopulationRegister.Feed;

/// <summary>
/// A person's number replaced in the register (a D-number by a birth number, say): the register keeps one person with a
/// current identifier (status <c>iBruk</c>) and the former one as history (status <c>opphoert</c>), and announces it with the
/// event <see cref="EventType"/> on the current number. <paramref name="Sequence"/> is the feed position it was learnt at.
/// </summary>
public sealed record NumberReplacement(NationalIdentityNumber Former, NationalIdentityNumber Current, long Sequence, DateTimeOffset RecordedAt)
{
    /// <summary>The register's event type for a new identifier (hendelsetype, Hendelsedokument schema).</summary>
    public const string EventType = "endringIIdentifikasjonsnummer";
}

/// <summary>The register's identifier history of a person, or why it could not be read (parked, never guessed).</summary>
public sealed record FormerNumbers(IReadOnlyList<NationalIdentityNumber> Numbers, string? UnreadableReason, string? RawDocument)
{
    public static FormerNumbers None { get; } = new([], null, null);
}

/// <summary>
/// What follows a replaced number: everything this service keeps under the former number moves to the current one. Called
/// by the follower before it applies the person's facts under the current number, and again whenever the feed is read
/// again, so an implementation must be idempotent (a move already done is a move with nothing left to do).
/// </summary>
public interface INumberReplacementFollower
{
    /// <returns>People whose register documents name the former number (a guardian's wards, say): the follower looks them
    /// up again, since the register may change their documents without an event of their own.</returns>
    Task<IReadOnlyList<NationalIdentityNumber>> ReplacedAsync(NumberReplacement replacement, CancellationToken cancellationToken);
}
