namespace CitizenServices.Infrastructure.Nettlege;

/// <summary>
/// <see cref="ITriageStore"/> on table <c>nettlegetriage</c> (docs/nettlege.md). Partition = the person triaged; one row
/// per triage with RowKey <c>t|{inverted ticks:D19}|{id:N}</c>, so the newest sorts first and "the latest since t" is
/// one range query that stops at the first row. Rows are never changed.
/// </summary>
public sealed class TableTriageStore(BoundedTable table) : ITriageStore
{
    private const string Prefix = "t|";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SaveAsync(StoredTriage triage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(triage);
        var row = new TableEntity(triage.Subject.Value, RowKey(triage.At, triage.Id))
        {
            ["Id"] = triage.Id,
            ["AnsweredBy"] = triage.AnsweredBy.Value,
            ["At"] = triage.At,
            ["QuestionnaireVersion"] = triage.Result.QuestionnaireVersion,
            ["Outcome"] = triage.Result.Outcome.Code(),
            ["Answers"] = JsonSerializer.Serialize(triage.Answers, Json),
            ["Reasons"] = JsonSerializer.Serialize(triage.Result.Reasons, Json),
            ["Advice"] = triage.Result.Advice.Advice,
            ["NextStep"] = triage.Result.Advice.NextStep,
        };
        var result = await table.AddAsync(row, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Triage {triage.Id:N} was already stored.");
        }
    }

    public async Task<StoredTriage?> LatestSinceAsync(NationalIdentityNumber subject, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // Newer rows have smaller keys: everything from "t|" up to the key of `since` (inclusive of that instant).
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {subject.Value} and RowKey ge {Prefix} and RowKey lt {Prefix + Inverted(since) + "}"}");
        StoredTriage? latest = null;
        string? latestTicks = null;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            // Rows of one instant sort by their random id; of those, the highest level of care wins (fail upwards),
            // so two triages submitted at the same moment always give the same answer.
            var ticks = row.RowKey[..(Prefix.Length + 19)];
            if (latestTicks is not null && ticks != latestTicks)
            {
                break;
            }

            var triage = Read(row, subject);
            if (latest is null || triage.Result.Outcome > latest.Result.Outcome)
            {
                latest = triage;
            }

            latestTicks = ticks;
        }

        return latest;
    }

    private static string RowKey(DateTimeOffset at, Guid id) => $"{Prefix}{Inverted(at)}|{id:N}";

    private static string Inverted(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static StoredTriage Read(TableEntity row, NationalIdentityNumber subject)
    {
        var outcome = TriageOutcomes.Parse(row.GetString("Outcome"));
        var answers = JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(row.GetString("Answers") ?? "null", Json);
        var reasons = JsonSerializer.Deserialize<List<TriageReason>>(row.GetString("Reasons") ?? "null", Json);
        if (outcome is null || answers is null || reasons is null || row.GetGuid("Id") is not Guid id
            || row.GetDateTimeOffset("At") is not { } at || row.GetInt32("QuestionnaireVersion") is not int version
            || !NationalIdentityNumber.TryParse(row.GetString("AnsweredBy"), out var answeredBy))
        {
            throw new InvalidOperationException($"Triage row {row.RowKey} of {subject} is malformed.");
        }

        return new StoredTriage(id, subject, answeredBy, at, answers,
            new TriageResult(version, outcome.Value, reasons, new TriageAdvice(row.GetString("Advice") ?? string.Empty, row.GetString("NextStep") ?? string.Empty)));
    }
}
