using CitizenServices.Infrastructure.AccessLog;

namespace CitizenServices.IntegrationTests.AccessLog;

/// <summary>
/// A <see cref="TableAccessLog"/> on a fresh table of the shared Azurite, plus a plain SDK client on the same table for
/// tampering with rows the way someone with storage access would.
/// </summary>
internal sealed class AccessLogTestStore
{
    public static readonly NationalIdentityNumber Principal = NationalIdentityNumber.Parse("01859010071");
    public static readonly NationalIdentityNumber Representative = NationalIdentityNumber.Parse("15859010099");
    public static readonly NationalIdentityNumber OtherPerson = NationalIdentityNumber.Parse("20859010084");

    private readonly BoundedTable _table;
    private readonly TimeProvider _time;
    private readonly string _connectionString;

    private AccessLogTestStore(
        TableAccessLog log, TableClient raw, CapturingLogger logger, StorageRequestRecorder requests, BoundedTable table, TimeProvider time, string connectionString)
    {
        _table = table;
        _time = time;
        _connectionString = connectionString;
        Log = log;
        Raw = raw;
        Logger = logger;
        Requests = requests;
    }

    public TableAccessLog Log { get; }

    public TableClient Raw { get; }

    public CapturingLogger Logger { get; }

    /// <summary>Requests sent by <see cref="Log"/> and <see cref="OtherInstance"/> (not by <see cref="Raw"/> or <see cref="InstanceWithItsOwnClient"/>).</summary>
    public StorageRequestRecorder Requests { get; }

    public static async Task<AccessLogTestStore> CreateAsync(TimeProvider? time = null, int maxAppendAttempts = TableAccessLog.DefaultMaxAppendAttempts)
    {
        var azurite = await Azurite.SharedAsync();
        var requests = new StorageRequestRecorder();
        var service = new TableServiceClient(azurite.ConnectionString, requests.AddTo(new TableClientOptions()));
        var raw = new TableServiceClient(azurite.ConnectionString);
        var name = Azurite.UniqueName("accesslog");
        await raw.CreateTableIfNotExistsAsync(name);
        var logger = new CapturingLogger();
        var table = new TableStore(service).Table(name);
        var log = new TableAccessLog(table, time ?? TimeProvider.System, logger, maxAppendAttempts);
        return new AccessLogTestStore(log, raw.GetTableClient(name), logger, requests, table, time ?? TimeProvider.System, azurite.ConnectionString);
    }

    /// <summary>
    /// Another <see cref="TableAccessLog"/> on the same table, as another handler instance has: appends of different
    /// instances are not queued together and race for the head. Logs to <see cref="Logger"/>, requests are in <see cref="Requests"/>.
    /// </summary>
    public TableAccessLog OtherInstance(int maxAppendAttempts = TableAccessLog.DefaultMaxAppendAttempts) =>
        new(_table, _time, Logger, maxAppendAttempts);

    /// <summary>Another instance whose requests <see cref="Requests"/> does not see, so the wire shows <see cref="Log"/>'s alone.</summary>
    public TableAccessLog InstanceWithItsOwnClient() =>
        new(new TableStore(new TableServiceClient(_connectionString)).Table(_table.Name), _time, Logger);

    public static AccessLogDraft Draft(int n, NationalIdentityNumber? subject = null) => new(
        AccessLogActor.Person(Representative),
        new AccessLogBasis(AccessLogBasisKinds.Fullmakt, "fm-42"),
        n % 2 == 0 ? AccessLogAction.Write("appointments.book") : AccessLogAction.Read("appointments.list"),
        new AccessLogResource("/api/v1/persons/{subject}/appointments/{appointmentId}",
            [new("subject", (subject ?? Principal).Value), new("appointmentId", $"apt-{n}")]),
        $"corr-{n}",
        AccessLogChannels.HelsenorgeWeb);

    public async Task<List<AccessLogEntry>> AppendAsync(int count, NationalIdentityNumber? principal = null)
    {
        var appended = new List<AccessLogEntry>();
        for (var i = 1; i <= count; i++)
        {
            appended.Add(await Log.AppendAsync(principal ?? Principal, Draft(i, principal), CancellationToken.None));
        }

        return appended;
    }

    /// <summary>The entry row of <paramref name="sequence"/>, as the SDK stores it (inverted, zero-padded key).</summary>
    public static string RowKey(long sequence) => "e" + (long.MaxValue - sequence).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<TableEntity> RowAsync(long sequence, NationalIdentityNumber? principal = null) =>
        (await Raw.GetEntityAsync<TableEntity>((principal ?? Principal).Value, RowKey(sequence))).Value;
}

/// <summary>Keeps every formatted log message, to prove that no full identity number reaches the logs.</summary>
internal sealed class CapturingLogger : ILogger<TableAccessLog>
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        // The structured values as well as the message: a sink may write either.
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
        _messages.Enqueue($"{logLevel}: {formatter(state, exception)} | {values} | {exception}");
    }
}
