using Azure;
using Azure.Data.Tables;
using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Storage;

namespace CitizenServices.IntegrationTests.Events;

public sealed class OutboxTests
{
    [Fact]
    public async Task SubmitAsync_WhenStateAndEventsCommitTogether_BothAreInThePartitionAndThePartitionIsPending()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.Kari);
        var state = new TableEntity(partition.PartitionKey, "fullmakt|1") { ["Status"] = "active" };
        var granted = stores.Granted(EventStores.Kari, EventStores.Ola);

        var result = await stores.Outbox.SubmitAsync(partition, [new TableTransactionAction(TableTransactionActionType.Add, state)], [granted], default);

        Assert.True(result.Succeeded);
        Assert.NotNull(await stores.StateTable.GetAsync<TableEntity>(partition.PartitionKey, "fullmakt|1"));
        var outboxRow = Assert.Single(await stores.OutboxRowsAsync(partition.PartitionKey));
        Assert.Equal(OutboxRows.RowKey(granted.EventId), outboxRow.RowKey);
        var pending = Assert.Single(await stores.PendingEntriesAsync());
        Assert.Equal(stores.StateTableName, pending.GetString(OutboxRows.Properties.SourceTable));
        Assert.Equal(partition.PartitionKey, pending.GetString(OutboxRows.Properties.SourcePartition));
    }

    [Fact]
    public async Task SubmitAsync_WhenTheStateChangeFails_NeitherStateNorEventIsWritten()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.Kari);
        await stores.StateTable.AddAsync(new TableEntity(partition.PartitionKey, "fullmakt|1") { ["Status"] = "active" });
        var stale = new TableEntity(partition.PartitionKey, "fullmakt|1") { ["Status"] = "ended" };

        // A lost optimistic-concurrency race: the state row changed since "we" read it.
        var result = await stores.Outbox.SubmitAsync(
            partition,
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, stale, new ETag("W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\""))],
            [stores.Granted(EventStores.Kari, EventStores.Ola)],
            default);

        Assert.Equal(TableWriteOutcome.PreconditionFailed, result.Outcome);
        Assert.Equal("active", (await stores.StateTable.GetAsync<TableEntity>(partition.PartitionKey, "fullmakt|1"))!.GetString("Status"));
        Assert.Empty(await stores.OutboxRowsAsync(partition.PartitionKey));
    }

    [Fact]
    public async Task CommitAsync_WhenTheSameEventIsCommittedAgain_ReportsAlreadyCommittedAndKeepsOneRow()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.Kari);
        var granted = stores.Granted(EventStores.Kari, EventStores.Ola);

        Assert.Equal(OutboxCommitResult.Committed, await stores.Outbox.CommitAsync(partition, [granted], default));
        Assert.Equal(OutboxCommitResult.AlreadyCommitted, await stores.Outbox.CommitAsync(partition, [granted], default));

        Assert.Single(await stores.OutboxRowsAsync(partition.PartitionKey));
    }

    [Fact]
    public async Task TakeDueAsync_WhenPartitionsArePending_ReturnsTheirEventsAsEnvelopesOnce()
    {
        var stores = await EventStores.CreateAsync();
        var first = stores.Granted(EventStores.Kari, EventStores.Ola);
        stores.Clock.Advance(TimeSpan.FromMilliseconds(10));
        var second = stores.Granted(EventStores.Kari, EventStores.Ola);
        var other = stores.Granted(EventStores.Ola, EventStores.Kari);
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.Kari), [first, second], default);
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.Ola), [other], default);

        var relayed = await stores.Relay.TakeDueAsync(default);

        Assert.Equal(
            new[] { first.EventId, second.EventId, other.EventId }.Order(),
            relayed.Select(e => e.EventId).Order());
        var kariEvents = relayed.Where(e => e.Subject == EventStores.Kari).Select(e => e.EventId).ToList();
        Assert.Equal([first.EventId, second.EventId], kariEvents);
        var envelope = relayed.Single(e => e.EventId == first.EventId);
        Assert.Equal(EventTypes.FullmaktGranted, envelope.Type);
        Assert.Equal(first.CorrelationId, envelope.CorrelationId);
        Assert.Equal(first.OccurredAt, envelope.OccurredAt);
        Assert.Equal(first.Data.GetRawText(), envelope.Data.GetRawText());
        Assert.Equal(new OutboxReference(stores.StateTableName, EventStores.Kari.Value), envelope.Outbox);
        Assert.All(await stores.OutboxRowsAsync(EventStores.Kari.Value), r => Assert.Equal(stores.Clock.GetUtcNow(), r.GetDateTimeOffset(OutboxRows.Properties.RelayedAt)));

        Assert.Empty(await stores.Relay.TakeDueAsync(default));
    }

    [Fact]
    public async Task TakeDueAsync_WhenNotConfirmedWithinTheTimeout_RelaysTheEventAgain()
    {
        var stores = await EventStores.CreateAsync();
        var granted = stores.Granted(EventStores.Kari, EventStores.Ola);
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.Kari), [granted], default);
        Assert.Single(await stores.Relay.TakeDueAsync(default));

        stores.Clock.Advance(stores.Options.RedeliveryTimeout - TimeSpan.FromSeconds(1));
        Assert.Empty(await stores.Relay.TakeDueAsync(default));

        stores.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await stores.Relay.TakeDueAsync(default));
        Assert.Equal(granted.EventId, again.EventId);
        Assert.Equal(2, Assert.Single(await stores.OutboxRowsAsync(EventStores.Kari.Value)).GetInt32(OutboxRows.Properties.RelayCount));
    }

    [Fact]
    public async Task TakeDueAsync_WhenMoreEventsThanTheRunLimit_IsBoundedAndTakesTheRestNextRun()
    {
        var stores = await EventStores.CreateAsync(new OutboxOptions { MaxEventsPerRun = 3 });
        var events = Enumerable.Range(0, 5).Select(_ => stores.Granted(EventStores.Kari, EventStores.Ola)).ToList();
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.Kari), events, default);

        var firstRun = await stores.Relay.TakeDueAsync(default);
        var secondRun = await stores.Relay.TakeDueAsync(default);

        Assert.Equal(3, firstRun.Count);
        Assert.Equal(2, secondRun.Count);
        Assert.Equal(events.Select(e => e.EventId).Order(), firstRun.Concat(secondRun).Select(e => e.EventId).Order());
    }

    [Fact]
    public async Task ConfirmAsync_WhenDelivered_DeletesTheRowAndIsIdempotent()
    {
        var stores = await EventStores.CreateAsync();
        var granted = stores.Granted(EventStores.Kari, EventStores.Ola);
        var kept = stores.Granted(EventStores.Kari, EventStores.Ola);
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.Kari), [granted, kept], default);
        var reference = new OutboxReference(stores.StateTableName, EventStores.Kari.Value);

        Assert.Equal(ConfirmOutcome.Deleted, await stores.Relay.ConfirmAsync(reference, granted.EventId, default));
        Assert.Equal(ConfirmOutcome.AlreadyDeleted, await stores.Relay.ConfirmAsync(reference, granted.EventId, default));

        Assert.Equal(OutboxRows.RowKey(kept.EventId), Assert.Single(await stores.OutboxRowsAsync(EventStores.Kari.Value)).RowKey);
    }

    [Fact]
    public async Task ConfirmAsync_WhenPartitionIsDrainedAfterTheGrace_RemovesThePendingEntry_ButNotBefore()
    {
        var stores = await EventStores.CreateAsync();
        var first = stores.Granted(EventStores.Kari, EventStores.Ola);
        var second = stores.Granted(EventStores.Kari, EventStores.Ola);
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.Kari), [first, second], default);
        var reference = new OutboxReference(stores.StateTableName, EventStores.Kari.Value);

        // Drained, but a writer that touched the entry moments ago may still be about to commit: keep it.
        await stores.Relay.ConfirmAsync(reference, first.EventId, default);
        await stores.Relay.ConfirmAsync(reference, second.EventId, default);
        Assert.Single(await stores.PendingEntriesAsync());

        stores.Clock.Advance(stores.Options.PendingReleaseGrace);
        await stores.Relay.ConfirmAsync(reference, second.EventId, default);
        Assert.Empty(await stores.PendingEntriesAsync());
    }

    [Fact]
    public async Task ConfirmAsync_WhenThePartitionStillHasEvents_KeepsThePendingEntryAfterTheGrace()
    {
        var stores = await EventStores.CreateAsync();
        var first = stores.Granted(EventStores.Kari, EventStores.Ola);
        var second = stores.Granted(EventStores.Kari, EventStores.Ola);
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.Kari), [first, second], default);
        stores.Clock.Advance(stores.Options.PendingReleaseGrace + TimeSpan.FromMinutes(1));

        await stores.Relay.ConfirmAsync(new OutboxReference(stores.StateTableName, EventStores.Kari.Value), first.EventId, default);

        Assert.Single(await stores.PendingEntriesAsync());
        Assert.Equal(second.EventId, Assert.Single(await stores.Relay.TakeDueAsync(default)).EventId);
    }

    [Fact]
    public async Task TakeDueAsync_WhenATransactionFailedAfterStaging_DropsTheOrphanedPendingEntryAfterTheGrace()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.Kari);

        // Staged (index entry written) but the transaction never ran: a crash between the two steps.
        await stores.Outbox.StageAsync(partition, [stores.Granted(EventStores.Kari, EventStores.Ola)], default);
        Assert.Empty(await stores.Relay.TakeDueAsync(default));
        Assert.Single(await stores.PendingEntriesAsync());

        stores.Clock.Advance(stores.Options.PendingReleaseGrace);
        Assert.Empty(await stores.Relay.TakeDueAsync(default));
        Assert.Empty(await stores.PendingEntriesAsync());
    }

    [Fact]
    public async Task ConfirmAsync_WhenTheReferenceNamesNoValidTable_ReportsInvalidReference()
    {
        var stores = await EventStores.CreateAsync();

        var outcome = await stores.Relay.ConfirmAsync(new OutboxReference("no/such table", "x"), Guid.NewGuid(), default);

        Assert.Equal(ConfirmOutcome.InvalidReference, outcome);
    }

    [Fact]
    public async Task TakeDueAsync_WhenAPendingEntryNamesAMissingTable_StillRelaysTheOtherPartitions()
    {
        var stores = await EventStores.CreateAsync();
        await stores.Outbox.StageAsync(new EventPartition(CitizenServices.Testing.Azurite.UniqueName("gone"), EventStores.Ola.Value), [stores.Granted(EventStores.Ola, EventStores.Kari)], default);
        var granted = stores.Granted(EventStores.Kari, EventStores.Ola);
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.Kari), [granted], default);

        var relayed = await stores.Relay.TakeDueAsync(default);

        Assert.Equal(granted.EventId, Assert.Single(relayed).EventId);
    }
}
