namespace CitizenServices.Application.Fullmakt.ExpiryNotices;

/// <summary>
/// Sends each due "expiring soon" notice (<c>fullmakt.expiring</c>, notified to both parties) once: reads the expiry
/// index for the last valid days in the notice window, decides each entry on the principal's partition and commits the
/// "sent" marker together with the event. A re-run or a concurrent run finds the marker (or loses the conditional
/// commit, reloads and finds it), so a notice is never committed twice. Work per run is bounded: what is left over is
/// picked up by the next run, most urgent day first.
/// </summary>
public sealed class SendExpiryNoticesHandler(IFullmaktExpiryNoticeStore store, TimeProvider time)
{
    /// <summary>Entries decided per run: each costs a partition read and at most a transaction, far inside the function timeout.</summary>
    public const int DefaultMaxEntriesPerRun = 500;

    // Like the request paths: a change that loses to a concurrent one reloads and decides again, a few times.
    private const int Attempts = 4;

    public async Task<ExpiryNoticeRun> HandleAsync(int maxEntries = DefaultMaxEntriesPerRun, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        var today = NorwegianTime.Today(time);
        int sent = 0, forgotten = 0, waiting = 0, contended = 0, decided = 0;
        foreach (var day in ExpiryNoticeRules.WindowOn(today))
        {
            var entries = await store.ListAsync(day, maxEntries - decided, cancellationToken);
            foreach (var entry in entries)
            {
                decided++;
                switch (await DecideAsync(entry, cancellationToken))
                {
                    case Outcome.Sent: sent++; break;
                    case Outcome.Forgotten: forgotten++; break;
                    case Outcome.Waiting: waiting++; break;
                    default: contended++; break;
                }
            }

            if (decided >= maxEntries)
            {
                return new ExpiryNoticeRun(sent, forgotten, waiting, contended, LimitReached: true);
            }
        }

        return new ExpiryNoticeRun(sent, forgotten, waiting, contended, LimitReached: false);
    }

    private async Task<Outcome> DecideAsync(ExpiryNoticeEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var state = await store.LoadAsync(entry.Principal, cancellationToken);
            var fullmakt = state.Loaded.Find(entry.FullmaktId);
            var decision = ExpiryNoticeRules.Decide(fullmakt, state.NoticeSentAt(entry.FullmaktId), time.GetUtcNow());
            switch (decision.Action)
            {
                case ExpiryNoticeAction.Wait:
                    return Outcome.Waiting;
                case ExpiryNoticeAction.Forget:
                    await store.ForgetAsync(entry, cancellationToken);
                    return Outcome.Forgotten;
                case ExpiryNoticeAction.Send when await store.CommitNoticeAsync(state, decision.Notice!, cancellationToken):
                    // The marker in the truth is what prevents a second notice; the entry only saves the next run a read.
                    await store.ForgetAsync(entry, cancellationToken);
                    return Outcome.Sent;
            }
        }

        // The partition kept changing under us; the entry stays and the next run decides it again.
        return Outcome.Contended;
    }

    private enum Outcome
    {
        Sent,
        Forgotten,
        Waiting,
        Contended,
    }
}

/// <summary>
/// What one run did: notices committed, entries dropped (already sent, ended, expired, unknown), entries not due yet,
/// entries left because their partition kept changing, and whether the per-run limit cut the run short.
/// </summary>
public sealed record ExpiryNoticeRun(int Sent, int Forgotten, int Waiting, int Contended, bool LimitReached);
