namespace CitizenServices.Application.Booking;

/// <summary>
/// A retry that lost its slot to its own twin (the same Idempotency-Key, sent twice at once) waits for the twin's record
/// in the person's partition and answers what the twin did, instead of refusing a request that in fact succeeded.
/// </summary>
internal static class IdempotentTwin
{
    /// <summary>How long a retry waits for its twin's record by default.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long to wait for the twin's record, given the slot this retry could not take: the full <see cref="Wait"/> while
    /// the twin's intent (same key) is on it; no wait, one more read, once the twin has settled it
    /// (<paramref name="settledByTwin"/>: its record was committed before that); null when no twin of ours is involved.
    /// </summary>
    public static TimeSpan? WaitFor(Domain.Booking.Slot slot, string? keyId, bool settledByTwin) =>
        keyId is null ? null
        : slot.Intent?.IdempotencyKeyId == keyId ? Wait
        : settledByTwin ? TimeSpan.Zero
        : null;

    /// <summary>The twin's answer once its record is in the person's partition; null when none came within <paramref name="wait"/>.</summary>
    public static async Task<TAnswer?> WaitAsync<TAnswer>(
        IAppointmentStore appointments, Domain.Identity.NationalIdentityNumber subject, Func<PersonBookings, TAnswer?> replay, TimeSpan wait,
        CancellationToken cancellationToken)
        where TAnswer : class
    {
        // Real elapsed time, not the injected clock: this bounds how long the request waits, whatever the clock says.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            if (replay(await appointments.LoadAsync(subject, cancellationToken)) is { } answer)
            {
                return answer;
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) >= wait)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
