namespace CitizenServices.Infrastructure.Events;

/// <summary>Section <c>Events:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Events:Outbox";

    /// <summary>
    /// How long the send right after a commit may take before it gives up and leaves the events to the sweep. The
    /// request waits this long at most; a cold Service Bus connection (AMQP link and a managed-identity token) takes
    /// about a second, a warm send tens of milliseconds.
    /// </summary>
    public TimeSpan DispatchTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The sweep leaves rows younger than this alone: the request that committed them may still be sending them.
    /// Keep it above <see cref="DispatchTimeout"/>. A row it skips now is taken by a later sweep, so this only delays
    /// what the dispatch did not manage; it never loses anything.
    /// </summary>
    public TimeSpan DispatchGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A pending-index entry is removed only if untouched this long (and its partition is drained). Writers touch the
    /// entry before their commit, and a writer is an invocation the host stops after <c>functionTimeout</c> (5 min in
    /// host.json), so after this grace no writer that touched it can still be about to commit.
    /// </summary>
    public TimeSpan PendingReleaseGrace { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>Upper bound of pending partitions one sweep visits; the next sweep starts at another shard.</summary>
    public int MaxPartitionsPerRun { get; set; } = 1000;

    /// <summary>Upper bound of events sent from one partition at a time (the rest follow on the next pass).</summary>
    public int MaxEventsPerPartition { get; set; } = 500;

    /// <summary>Partitions the sweep relays at the same time.</summary>
    public int SweepParallelism { get; set; } = 8;
}
