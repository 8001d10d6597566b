using CitizenServices.Infrastructure.CareRelations;
using CitizenServices.Infrastructure.Fullmakt;

namespace CitizenServices.Infrastructure.Authorization;

/// <summary>
/// The enforcement point's read (docs/identity.md, "The read path"): one query of the subject's partition of table
/// <c>people</c>, limited to the rows a decision reads: register facts (<c>p|</c>), the fullmakter the subject gave
/// (<c>f|</c>) and the current state of the subject's foster care relations (<c>r|</c>). History, idempotency records
/// and outbox rows in the same partition are not read. Scoped: read once per request, shared by the decision and the
/// endpoint after it, and never kept longer, so an ended right stops working on the next request.
/// </summary>
public sealed class TableSubjectRecords(BoundedTable table) : ISubjectRecords
{
    private readonly PerRequestReads<NationalIdentityNumber, SubjectRecord> _reads = new();

    public Task<SubjectRecord> ReadAsync(NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        _reads.GetAsync(subject, s => LoadAsync(s, cancellationToken));

    /// <summary>The filter of the one query: the subject's partition, three RowKey ranges.</summary>
    public static string Filter(NationalIdentityNumber subject) =>
        TableClient.CreateQueryFilter(
            $"PartitionKey eq {subject.Value} and ((RowKey ge {"p|"} and RowKey lt {"p}"}) or (RowKey ge {"f|"} and RowKey lt {"f}"}) or (RowKey ge {"r|"} and RowKey lt {"r}"}))");

    private async Task<SubjectRecord> LoadAsync(NationalIdentityNumber subject, CancellationToken cancellationToken)
    {
        var people = new Dictionary<NationalIdentityNumber, RegisteredPerson>();
        var fullmakter = new List<Domain.Fullmakt.Fullmakt>();
        var relations = new List<CareRelation>();
        await foreach (var row in table.QueryAsync<TableEntity>(Filter(subject), cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(ReplicaRows.Prefix, StringComparison.Ordinal))
            {
                // A malformed copy is left out: the person it would describe is then read on their own, or denied.
                if (ReplicaRows.Read(row) is { } person)
                {
                    people[person.Id] = person;
                }
            }
            else if (row.RowKey.StartsWith(FullmaktRows.FullmaktPrefix, StringComparison.Ordinal))
            {
                fullmakter.Add(FullmaktRows.Read(row)
                    ?? throw new InvalidOperationException($"Fullmakt row {row.RowKey} of {subject} is malformed."));
            }
            else if (row.RowKey.StartsWith(CareRelationRows.RelationPrefix, StringComparison.Ordinal))
            {
                var read = CareRelationRows.Read(row)
                    ?? throw new InvalidOperationException($"Care relation row {row.RowKey} of {subject} is malformed.");
                relations.Add(new CareRelation(read.Id, read.Child, [read.Version]));
            }
        }

        return new SubjectRecord(subject, people, fullmakter, relations);
    }
}
