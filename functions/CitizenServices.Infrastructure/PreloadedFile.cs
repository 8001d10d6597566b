namespace CitizenServices.Infrastructure;

/// <summary>
/// A data file the app checks at start-up (seed register, consent catalog), read on a thread-pool thread from the moment
/// its services are registered. The start-up check and the singleton then take that one result instead of each reading
/// and validating the file on the start-up path, which on two cores would otherwise add its parse time to every cold
/// start. A file that breaks a rule still fails the start-up check with the same exception.
/// </summary>
public sealed class PreloadedFile<T>
    where T : class
{
    private readonly string? _path;
    private readonly Task<T>? _loading;
    private readonly Func<string, T> _load;

    /// <param name="path">The path as configured at registration; null when not configured (nothing is read early).</param>
    /// <param name="load">Reads and validates the file; throws when it breaks a rule.</param>
    public PreloadedFile(string? path, Func<string, T> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
        if (path is not null)
        {
            _path = path;
            _loading = Task.Run(() => load(path));
        }
    }

    /// <summary>The file at <paramref name="path"/>: the early read when the path is still the same, else read now.</summary>
    public T Get(string path) =>
        _loading is not null && string.Equals(path, _path, StringComparison.Ordinal) ? _loading.GetAwaiter().GetResult() : _load(path);
}
