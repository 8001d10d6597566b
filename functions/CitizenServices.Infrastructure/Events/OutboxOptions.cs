namespace CitizenServices.Infrastructure.Events;

/// <summary>Section <c>Events:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Events:Outbox";

    /// <summary>
    /// An event relayed but not confirmed within this time is relayed again. Longer than a normal publish →
    /// OutboxConfirm round trip (seconds), short enough that a lost publish is noticed quickly.
    /// </summary>
    public TimeSpan RedeliveryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A pending-index entry is removed only if untouched this long (and its partition is drained). Writers touch the
    /// entry before their commit, and a writer is an invocation the host stops after <c>functionTimeout</c> (5 min in
    /// host.json), so after this grace no writer that touched it can still be about to commit.
    /// </summary>
    public TimeSpan PendingReleaseGrace { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>Upper bound of events one relay run publishes (one Service Bus message each).</summary>
    public int MaxEventsPerRun { get; set; } = 500;

    /// <summary>Upper bound of pending partitions one relay run visits.</summary>
    public int MaxPartitionsPerRun { get; set; } = 1000;
}
