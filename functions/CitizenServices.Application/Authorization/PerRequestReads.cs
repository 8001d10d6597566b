using System.Collections.Concurrent;

namespace CitizenServices.Application.Authorization;

/// <summary>
/// One read per key for the life of its owner, which is a scoped (per-request) representation source: the enforcement
/// point and the endpoint after it (a listing) then see one snapshot of the subject's data, read once, instead of
/// reading every source twice. Concurrent callers share the read in flight. Nothing outlives the request, so a
/// revocation still takes effect on the next one.
/// </summary>
public sealed class PerRequestReads<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _reads = new();

    public Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return _reads.GetOrAdd(key, k => new Lazy<Task<TValue>>(() => read(k))).Value;
    }
}
