using CitizenServices.Infrastructure.Authorization;

namespace CitizenServices.Infrastructure.PopulationRegister.Replica;

/// <summary>
/// The replica of the register facts in table <c>people</c> (layout in <see cref="ReplicaRows"/>), the follower's position
/// (table <c>inbox</c>, partition <c>feed|{name}</c>), and the population register port read from it. Every write is an
/// upsert of the full row, so applying the same facts again, or replaying the feed from zero, leaves the same rows.
/// </summary>
public sealed class TableRegisterReplica(BoundedTable people, BoundedTable inbox, RepresentedIndex index) : IRegisterReplica, IPopulationRegister
{
    private const string PositionRowKey = "position";

    public async Task<FeedPosition> ReadPositionAsync(string feed, CancellationToken cancellationToken)
    {
        var row = await inbox.GetAsync<TableEntity>(FeedPartition(feed), PositionRowKey, cancellationToken: cancellationToken);
        return row is null
            ? new FeedPosition(1, null, null, null)
            : new FeedPosition(row.GetInt64("NextSequence") ?? 1, row.GetString("PageETag"), row.GetDateTimeOffset("LastEventRecordedAt"), row.ETag);
    }

    public async Task<bool> AdvanceAsync(string feed, FeedPosition read, FeedPosition advanced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(advanced);
        var row = new TableEntity(FeedPartition(feed), PositionRowKey)
        {
            ["NextSequence"] = advanced.NextSequence,
            ["PageETag"] = advanced.ETag,
            ["LastEventRecordedAt"] = advanced.LastEventRecordedAt,
        };
        var result = read.ConcurrencyToken is ETag etag
            ? await inbox.UpdateAsync(row, etag, TableUpdateMode.Replace, cancellationToken)
            : await inbox.AddAsync(row, cancellationToken);
        return result.Succeeded;
    }

    public async Task<ReplicaChange> ApplyAsync(RegisteredPerson person, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var before = await FindAsync(person.Id, cancellationToken);
        await people.UpsertAsync(ReplicaRows.Own(person, sequence), TableUpdateMode.Replace, cancellationToken);

        // The partitions that read this person's facts. Decisions: the children they hold parental responsibility for, and
        // every principal whose stored relation (fullmakt, foster care, guardianship) names them, from their index
        // partition. Listings ("who can I act for"): their parents and guardians, the holders of the fullmakter they gave
        // and their foster parents, from their own partition.
        var readers = new HashSet<NationalIdentityNumber>(person.ChildrenWithParentalResponsibility);
        readers.UnionWith(person.ParentsWithParentalResponsibility);
        readers.UnionWith(person.Guardianships.Select(g => g.GuardianId));
        var own = await new TableSubjectRecords(people).ReadAsync(person.Id, cancellationToken);
        readers.UnionWith(own.Fullmakter.Select(f => f.Representative));
        readers.UnionWith(own.CareRelations.SelectMany(r => r.Current.FosterParents));
        await foreach (var row in index.QueryKeysAsync(person.Id, cancellationToken))
        {
            var principal = row.RowKey.Split('|');
            if (principal.Length >= 2 && NationalIdentityNumber.TryParse(principal[1], out var reader))
            {
                readers.Add(reader);
            }
        }

        readers.Remove(person.Id);
        foreach (var reader in readers)
        {
            await people.UpsertAsync(ReplicaRows.Copy(person, reader, sequence), TableUpdateMode.Replace, cancellationToken);
        }

        // This person's own decisions read their parents and guardians: copies of them here, from their own rows.
        var related = person.ParentsWithParentalResponsibility.Concat(person.Guardianships.Select(g => g.GuardianId)).Distinct().ToList();
        foreach (var other in related)
        {
            var row = await people.GetAsync<TableEntity>(other.Value, ReplicaRows.RowKey(other), cancellationToken: cancellationToken);
            if (row is not null && ReplicaRows.Read(row) is { } facts)
            {
                await people.UpsertAsync(ReplicaRows.Copy(facts, person.Id, ReplicaRows.SequenceOf(row)), TableUpdateMode.Replace, cancellationToken);
            }
        }

        // Guardians find their wards through the shared index by representative; an ended guardianship loses its row.
        foreach (var guardianship in person.Guardianships)
        {
            await index.WriteAsync(GuardianshipRows.Index(RegisterGuardianships.Record(person.Id, guardianship)), cancellationToken);
        }

        foreach (var gone in (before?.Guardianships ?? []).Select(g => g.GuardianId).Except(person.Guardianships.Select(g => g.GuardianId)))
        {
            await index.DeleteAsync(
                gone.Value, RepresentedIndex.RowKey(GuardianshipRows.IndexSource, person.Id, RegisterGuardianships.RelationId(person.Id, gone)), cancellationToken);
        }

        return new ReplicaChange(
            before is null || !Same(before, person),
            before is { IsDeceased: false } && person.IsDeceased,
            [.. readers]);
    }

    public async Task<RegisteredPerson?> FindAsync(NationalIdentityNumber id, CancellationToken cancellationToken)
    {
        var row = await people.GetAsync<TableEntity>(id.Value, ReplicaRows.RowKey(id), cancellationToken: cancellationToken);
        return row is null ? null : ReplicaRows.Read(row);
    }

    public async Task<IReadOnlyList<RegisteredPerson>> FindChildrenAsync(NationalIdentityNumber parent, CancellationToken cancellationToken)
    {
        if (await FindAsync(parent, cancellationToken) is not { } facts)
        {
            return [];
        }

        var children = await Task.WhenAll(facts.ChildrenWithParentalResponsibility.Select(c => FindAsync(c, cancellationToken)));

        // Only children whose own facts name the parent: the child's side is what the rules decide on.
        return children.OfType<RegisteredPerson>().Where(c => c.ParentsWithParentalResponsibility.Contains(parent)).ToList();
    }

    private static bool Same(RegisteredPerson a, RegisteredPerson b)
    {
        var (left, right) = (ReplicaRows.Own(a, 0), ReplicaRows.Own(b, 0));
        return left.Keys.All(k => Equals(left[k], right.TryGetValue(k, out var v) ? v : null));
    }

    private static string FeedPartition(string feed) => "feed|" + feed;
}
