using Azure;
using CitizenServices.Infrastructure.Events;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
namespace CitizenServices.IntegrationTests.Events;

public sealed class OutboxTests
{
    [Fact]
    public async Task SubmitAsync_WhenStateAndEventsCommitTogether_BothAreInThePartitionAndThePartitionIsPending()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.KariMother);
        var state = new TableEntity(partition.PartitionKey, "fullmakt|1") { ["Status"] = "active" };
        var granted = stores.Granted(EventStores.KariMother, EventStores.OlaFather);
        stores.ServiceBus.FailNextSends = int.MaxValue;

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
        var partition = stores.Partition(EventStores.KariMother);
        await stores.StateTable.AddAsync(new TableEntity(partition.PartitionKey, "fullmakt|1") { ["Status"] = "active" });
        var stale = new TableEntity(partition.PartitionKey, "fullmakt|1") { ["Status"] = "ended" };

        // A lost optimistic-concurrency race: the state row changed since "we" read it.
        var result = await stores.Outbox.SubmitAsync(
            partition,
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, stale, new ETag("W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\""))],
            [stores.Granted(EventStores.KariMother, EventStores.OlaFather)],
            default);

        Assert.Equal(TableWriteOutcome.PreconditionFailed, result.Outcome);
        Assert.Equal("active", (await stores.StateTable.GetAsync<TableEntity>(partition.PartitionKey, "fullmakt|1"))!.GetString("Status"));
        Assert.Empty(await stores.OutboxRowsAsync(partition.PartitionKey));
    }

    [Fact]
    public async Task CommitAsync_WhenTheSameEventIsCommittedAgain_ReportsAlreadyCommittedAndKeepsOneRow()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.KariMother);
        var granted = stores.Granted(EventStores.KariMother, EventStores.OlaFather);

        // While the row waits to be sent. Once sent and deleted, a second commit writes it again and it is sent again
        // with the same MessageId, which the topic's duplicate detection and the consumers' inbox drop.
        stores.ServiceBus.FailNextSends = int.MaxValue;
        Assert.Equal(OutboxCommitResult.Committed, await stores.Outbox.CommitAsync(partition, [granted], default));
        Assert.Equal(OutboxCommitResult.AlreadyCommitted, await stores.Outbox.CommitAsync(partition, [granted], default));

        Assert.Single(await stores.OutboxRowsAsync(partition.PartitionKey));
    }

    [Fact]
    public async Task Dispatch_WhenATransactionCommitsEvents_SendsThemInOrderWithTheirPropertiesAndDeletesTheRows()
    {
        var stores = await EventStores.CreateAsync();
        var first = stores.Granted(EventStores.KariMother, EventStores.OlaFather);
        stores.Clock.Advance(TimeSpan.FromMilliseconds(10));
        var second = stores.Granted(EventStores.KariMother, EventStores.OlaFather);

        Assert.Equal(OutboxCommitResult.Committed, await stores.Outbox.CommitAsync(stores.Partition(EventStores.KariMother), [first, second], default));

        Assert.Equal([first.EventId.ToString(), second.EventId.ToString()], stores.SentIds);
        var message = stores.ServiceBus.SentTo(EventStores.Topic)[0];
        Assert.Equal(EventTypes.FullmaktGranted, message.Subject);
        Assert.Equal(first.CorrelationId, message.CorrelationId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(1, message.ApplicationProperties["schemaVersion"]);
        Assert.True(EventEnvelope.TryParse(message.Body.ToMemory().Span, out var envelope, out _));
        Assert.Equal(first.EventId, envelope!.EventId);
        Assert.Equal(first.Data.GetRawText(), envelope.Data.GetRawText());
        Assert.Null(envelope.Outbox);
        Assert.Empty(await stores.OutboxRowsAsync(EventStores.KariMother.Value));
        Assert.Equal(1, stores.ServiceBus.SendersCreated[EventStores.Topic]);
    }

    [Fact]
    public async Task Dispatch_WhenTheSendFails_TheCommitStandsAndTheRowsStayForTheSweep()
    {
        var stores = await EventStores.CreateAsync();
        stores.ServiceBus.FailNextSends = 1;
        var granted = stores.Granted(EventStores.KariMother, EventStores.OlaFather);

        Assert.Equal(OutboxCommitResult.Committed, await stores.Outbox.CommitAsync(stores.Partition(EventStores.KariMother), [granted], default));

        Assert.Empty(stores.SentIds);
        Assert.Single(await stores.OutboxRowsAsync(EventStores.KariMother.Value));

        // Younger than the dispatch grace: the request that committed it might still be sending.
        Assert.Equal(0, (await stores.Sweep.SweepAsync(default)).Published);
        stores.Clock.Advance(stores.Options.DispatchGrace);
        var swept = await stores.Sweep.SweepAsync(default);

        Assert.Equal(1, swept.Published);
        Assert.Equal([granted.EventId.ToString()], stores.SentIds);
        Assert.Empty(await stores.OutboxRowsAsync(EventStores.KariMother.Value));
    }

    [Fact]
    public async Task Dispatch_WhenAnotherPassDrainedThePartitionBetweenTheTouchAndTheCommit_AFailedSendIsStillSweptAfterTheDispatchGrace()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.KariMother);
        var granted = stores.Granted(EventStores.KariMother, EventStores.OlaFather);

        // The writer has touched the entry but not committed; another pass over the partition (a concurrent writer's
        // dispatch) reads the entry, then the rows (none yet), and marks the partition drained.
        var rows = await stores.Outbox.StageAsync(partition, [granted], default);
        var pass = await stores.Relay.RelayAsync(partition.Table, partition.PartitionKey, committedBefore: null, marker: null, default);
        Assert.True(pass.Empty);
        Assert.True(Assert.Single(await stores.PendingEntriesAsync()).GetBoolean(OutboxRows.Properties.Drained));

        // The writer commits, and its own dispatch cannot send.
        stores.ServiceBus.FailNextSends = 1;
        Assert.Equal(TableWriteOutcome.Succeeded, (await stores.StateTable.SubmitTransactionAsync(rows)).Outcome);
        Assert.Empty(stores.SentIds);
        Assert.False(Assert.Single(await stores.PendingEntriesAsync()).GetBoolean(OutboxRows.Properties.Drained));

        // The first sweep past the dispatch grace sends it, not the first past the release grace, minutes later.
        stores.Clock.Advance(stores.Options.DispatchGrace);
        Assert.Equal(1, (await stores.Sweep.SweepAsync(default)).Published);
        Assert.Equal([granted.EventId.ToString()], stores.SentIds);
    }

    [Fact]
    public async Task Sweep_WhenAWriterTouchedThePartitionAfterItsCutoff_LeavesItPendingSoACrashAfterTheCommitIsStillSwept()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.KariMother);
        var granted = stores.Granted(EventStores.KariMother, EventStores.OlaFather);

        // The writer has touched the entry; a sweep reads it and the rows (none yet) before the writer commits.
        var rows = await stores.Outbox.StageAsync(partition, [granted], default);
        Assert.Equal(1, (await stores.Sweep.SweepAsync(default)).Partitions);
        Assert.False(Assert.Single(await stores.PendingEntriesAsync()).GetBoolean(OutboxRows.Properties.Drained));

        // The writer commits and crashes before its dispatch.
        var withoutDispatch = new TableStore(new TableServiceClient((await Azurite.SharedAsync()).ConnectionString));
        Assert.Equal(TableWriteOutcome.Succeeded, (await withoutDispatch.Table(stores.StateTableName).SubmitTransactionAsync(rows)).Outcome);

        stores.Clock.Advance(stores.Options.DispatchGrace);
        Assert.Equal(1, (await stores.Sweep.SweepAsync(default)).Published);
        Assert.Equal([granted.EventId.ToString()], stores.SentIds);
    }

    [Fact]
    public async Task Sweep_WhenCommittedRowsWereNeverDispatched_SendsThemPerPartitionInCommitOrder()
    {
        var stores = await EventStores.CreateAsync();
        var events = new List<DomainEvent>();
        for (var i = 0; i < 3; i++)
        {
            events.Add(stores.Granted(EventStores.KariMother, EventStores.OlaFather));
            stores.Clock.Advance(TimeSpan.FromMilliseconds(5));
        }

        // Staged and committed without the dispatch: what a crash between the commit and the send leaves.
        var withoutDispatch = new TableStore(new TableServiceClient((await Azurite.SharedAsync()).ConnectionString));
        await withoutDispatch.Table(stores.StateTableName).SubmitTransactionAsync(
            await stores.Outbox.StageAsync(stores.Partition(EventStores.KariMother), events, default));
        var other = stores.Granted(EventStores.OlaFather, EventStores.KariMother);
        await withoutDispatch.Table(stores.StateTableName).SubmitTransactionAsync(
            await stores.Outbox.StageAsync(stores.Partition(EventStores.OlaFather), [other], default));
        stores.Clock.Advance(stores.Options.DispatchGrace);

        var swept = await stores.Sweep.SweepAsync(default);

        Assert.Equal(4, swept.Published);
        Assert.Equal(events.Select(e => e.EventId.ToString()), stores.SentIds.Where(id => id != other.EventId.ToString()));
        Assert.Contains(other.EventId.ToString(), stores.SentIds);
        Assert.Empty(await stores.OutboxRowsAsync(EventStores.KariMother.Value));
        Assert.Empty(await stores.OutboxRowsAsync(EventStores.OlaFather.Value));
        Assert.Equal(0, (await stores.Sweep.SweepAsync(default)).Published);
    }

    [Fact]
    public async Task Sweep_WhenTheDeleteFailedAfterASuccessfulSend_SendsAgainWithTheSameMessageId()
    {
        var stores = await EventStores.CreateAsync();
        var granted = stores.Granted(EventStores.KariMother, EventStores.OlaFather);
        var partition = stores.Partition(EventStores.KariMother);
        var actions = await stores.Outbox.StageAsync(partition, [granted], default);
        await new TableStore(new TableServiceClient((await Azurite.SharedAsync()).ConnectionString))
            .Table(stores.StateTableName).SubmitTransactionAsync(actions);

        // The relay's deletes go through a storage client that refuses them, as a storage outage right after the send would.
        var options = new TableClientOptions();
        options.AddPolicy(new StorageFault(r => r.IsTransaction && r.Body.Contains("DELETE ", StringComparison.Ordinal) ? StorageFault.Unavailable() : null), HttpPipelinePosition.PerCall);
        options.Retry.MaxRetries = 0;
        var failingDeletes = new TableStore(new TableServiceClient((await Azurite.SharedAsync()).ConnectionString, options));
        var relay = new OutboxPartitionRelay(failingDeletes, stores.Pending, stores.Publisher, stores.Options, NullLogger<OutboxPartitionRelay>.Instance);
        var first = await relay.RelayAsync(stores.StateTableName, partition.PartitionKey, null, null, default);

        Assert.Equal(1, first.Published);
        Assert.False(first.Empty);
        Assert.Single(await stores.OutboxRowsAsync(EventStores.KariMother.Value));

        stores.Clock.Advance(stores.Options.DispatchGrace);
        Assert.Equal(1, (await stores.Sweep.SweepAsync(default)).Published);

        // Sent twice with one MessageId: the topic's duplicate detection keeps one, the consumers' inbox the rest.
        Assert.Equal([granted.EventId.ToString(), granted.EventId.ToString()], stores.SentIds);
        Assert.Empty(await stores.OutboxRowsAsync(EventStores.KariMother.Value));
    }

    [Fact]
    public async Task Sweep_WhenEventsWaitUnsent_RecordsTheAgeOfTheOldestAsAGaugeAndZeroOnceSent()
    {
        var stores = await EventStores.CreateAsync();
        var measurements = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OutboxMetrics.MeterName && instrument.Name == OutboxMetrics.OldestPendingAgeName
                && ReferenceEquals(instrument.Meter.Scope, stores.MeterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements.Add(value);
            }
        });
        listener.Start();
        stores.ServiceBus.FailNextSends = 2;
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.KariMother), [stores.Granted(EventStores.KariMother, EventStores.OlaFather)], default);
        stores.Clock.Advance(TimeSpan.FromSeconds(90));

        var failed = await stores.Sweep.SweepAsync(default);
        var sent = await stores.Sweep.SweepAsync(default);

        Assert.Equal(1, failed.FailedPartitions);
        Assert.Equal(TimeSpan.FromSeconds(90), failed.OldestPendingAge);
        Assert.Equal(TimeSpan.Zero, sent.OldestPendingAge);
        Assert.Equal(1, sent.Published);
        lock (measurements)
        {
            Assert.Equal([90d, 0d], measurements);
        }
    }

    [Fact]
    public async Task Sweep_WhenADispatchDrainedThePartition_SkipsItsEntryUntilTheGraceThenReleasesIt()
    {
        var stores = await EventStores.CreateAsync();
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.KariMother), [stores.Granted(EventStores.KariMother, EventStores.OlaFather)], default);

        var entry = Assert.Single(await stores.PendingEntriesAsync());
        Assert.True(entry.GetBoolean(OutboxRows.Properties.Drained));
        Assert.Equal(0, (await stores.Sweep.SweepAsync(default)).Partitions);

        stores.Clock.Advance(stores.Options.PendingReleaseGrace);
        Assert.Equal(1, (await stores.Sweep.SweepAsync(default)).Partitions);
        Assert.Empty(await stores.PendingEntriesAsync());
    }

    [Fact]
    public async Task Sweep_WhenAWriterTouchesADrainedEntry_VisitsThePartitionAgain()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.KariMother);
        await stores.Outbox.CommitAsync(partition, [stores.Granted(EventStores.KariMother, EventStores.OlaFather)], default);

        // Touched (and possibly committed, then crashed before its dispatch): the entry is no longer drained.
        await stores.Outbox.StageAsync(partition, [stores.Granted(EventStores.KariMother, EventStores.OlaFather)], default);

        Assert.False(Assert.Single(await stores.PendingEntriesAsync()).GetBoolean(OutboxRows.Properties.Drained));
        Assert.Equal(1, (await stores.Sweep.SweepAsync(default)).Partitions);
    }

    [Fact]
    public async Task Sweep_WhenATransactionFailedAfterStaging_DropsTheOrphanedPendingEntryAfterTheGrace()
    {
        var stores = await EventStores.CreateAsync();
        var partition = stores.Partition(EventStores.KariMother);

        // Staged (index entry written) but the transaction never ran: a crash between the two steps.
        await stores.Outbox.StageAsync(partition, [stores.Granted(EventStores.KariMother, EventStores.OlaFather)], default);
        Assert.Equal(0, (await stores.Sweep.SweepAsync(default)).Published);
        Assert.Single(await stores.PendingEntriesAsync());

        stores.Clock.Advance(stores.Options.PendingReleaseGrace);
        await stores.Sweep.SweepAsync(default);
        await stores.Sweep.SweepAsync(default);

        Assert.Empty(await stores.PendingEntriesAsync());
        Assert.Empty(stores.SentIds);
    }

    [Fact]
    public async Task Sweep_WhenMorePartitionsWaitThanOneRunVisits_ReachesEveryPartitionOnLaterRuns()
    {
        var stores = await EventStores.CreateAsync(new OutboxOptions { MaxPartitionsPerRun = 2 });
        stores.ServiceBus.FailNextSends = int.MaxValue;
        var people = new[] { Seed.KariMother, Seed.OlaFather, Seed.TheaAdultChild, Seed.AndersFatherOfHenrik, "01010112345" };
        foreach (var person in people)
        {
            await stores.Outbox.CommitAsync(new EventPartition(stores.StateTableName, person), [stores.Granted(EventStores.KariMother, EventStores.OlaFather)], default);
        }

        stores.ServiceBus.FailNextSends = 0;
        stores.Clock.Advance(stores.Options.DispatchGrace);
        var published = 0;
        for (var run = 0; run < OutboxRows.PendingShards && published < people.Length; run++)
        {
            published += (await stores.Sweep.SweepAsync(default)).Published;
        }

        Assert.Equal(people.Length, published);
        foreach (var person in people)
        {
            Assert.Empty(await stores.OutboxRowsAsync(person));
        }
    }

    [Fact]
    public async Task Sweep_WhenAPendingEntryNamesAMissingTable_StillSendsTheOtherPartitions()
    {
        var stores = await EventStores.CreateAsync();
        await stores.Outbox.StageAsync(new EventPartition(CitizenServices.Testing.Azurite.UniqueName("gone"), EventStores.OlaFather.Value), [stores.Granted(EventStores.OlaFather, EventStores.KariMother)], default);
        stores.ServiceBus.FailNextSends = 1;
        var granted = stores.Granted(EventStores.KariMother, EventStores.OlaFather);
        await stores.Outbox.CommitAsync(stores.Partition(EventStores.KariMother), [granted], default);
        stores.Clock.Advance(stores.Options.DispatchGrace);

        var swept = await stores.Sweep.SweepAsync(default);

        Assert.Equal(1, swept.Published);
        Assert.Equal([granted.EventId.ToString()], stores.SentIds);
    }
}

/// <summary>A storage client whose entity group transactions with a delete fail with 503, as in a storage outage.</summary>
