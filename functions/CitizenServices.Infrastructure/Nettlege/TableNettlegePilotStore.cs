using CitizenServices.Application.Nettlege;
using CitizenServices.Domain.Nettlege;

namespace CitizenServices.Infrastructure.Nettlege;

/// <summary>
/// <see cref="INettlegePilotStore"/> on table <c>nettlegepilots</c> (docs/nettlege.md). Partition = the municipality:
/// row <c>current</c> holds the current version, and one <c>v|{version:D6}</c> row per version ever saved. A save writes
/// both in one entity group transaction, conditional on the current row's ETag (or adding it when there is none), so
/// two administrators saving at once cannot both become version n.
/// </summary>
public sealed class TableNettlegePilotStore(BoundedTable table) : INettlegePilotStore
{
    private const string CurrentRowKey = "current";
    private const string VersionPrefix = "v|";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredPilot?> GetAsync(string municipality, CancellationToken cancellationToken)
    {
        var row = await table.GetAsync<TableEntity>(municipality, CurrentRowKey, cancellationToken: cancellationToken);
        return row is null ? null : new StoredPilot(Read(row), row.ETag);
    }

    public async Task<bool> SaveAsync(NettlegePilotVersion version, StoredPilot? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var current = Row(version, CurrentRowKey);
        var actions = new List<TableTransactionAction>
        {
            expected?.ConcurrencyToken is ETag etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, current, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, current),
            new(TableTransactionActionType.Add, Row(version, VersionPrefix + version.Version.ToString("D6", CultureInfo.InvariantCulture))),
        };
        return (await table.SubmitTransactionAsync(actions, cancellationToken)).Succeeded;
    }

    public async Task<IReadOnlyList<NettlegePilotVersion>> ListCurrentAsync(CancellationToken cancellationToken)
    {
        var current = new List<NettlegePilotVersion>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {CurrentRowKey}"), cancellationToken: cancellationToken))
        {
            current.Add(Read(row));
        }

        return current;
    }

    public async Task<IReadOnlyList<NettlegePilotVersion>> HistoryAsync(string municipality, CancellationToken cancellationToken)
    {
        var versions = new List<NettlegePilotVersion>();
        await foreach (var row in table.QueryPartitionAsync<TableEntity>(municipality, VersionPrefix, cancellationToken: cancellationToken))
        {
            versions.Add(Read(row));
        }

        return versions.OrderByDescending(v => v.Version).ToList();
    }

    private static TableEntity Row(NettlegePilotVersion version, string rowKey) => new(version.Pilot.Municipality, rowKey)
    {
        ["Version"] = version.Version,
        ["ChangedBy"] = version.ChangedBy,
        ["ChangedAt"] = version.ChangedAt,
        ["Configuration"] = JsonSerializer.Serialize(NettlegePilotRules.ToDraft(version.Pilot), Json),
    };

    // The stored configuration passes the same rules as a request; a row that does not is a fault to surface.
    private static NettlegePilotVersion Read(TableEntity row)
    {
        var draft = JsonSerializer.Deserialize<NettlegePilotDraft>(row.GetString("Configuration") ?? "null", Json);
        var (pilot, problems) = draft is null ? (null, []) : NettlegePilotRules.Validate(row.PartitionKey, draft);
        if (pilot is null || row.GetInt32("Version") is not int number || row.GetDateTimeOffset("ChangedAt") is not { } at)
        {
            throw new InvalidOperationException(
                $"Nettlege pilot row {row.PartitionKey}/{row.RowKey} is malformed: {string.Join("; ", problems.Select(p => $"{p.Field} {p.Code}"))}");
        }

        return new NettlegePilotVersion(pilot, number, row.GetString("ChangedBy") ?? string.Empty, at);
    }
}
