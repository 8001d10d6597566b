namespace CitizenServices.Infrastructure.CareRelations;

/// <summary>Foster care rows in the shared <see cref="RepresentedIndex"/>: the foster parent whose partition holds the row acts on the relation's basis.</summary>
internal sealed class CareRelationIndexFormat : IRepresentedIndexFormat
{
    public string Source => CareRelationRows.IndexSource;

    public IReadOnlyList<Application.Authorization.Representation>? Read(TableEntity row)
    {
        if (CareRelationRows.Read(row) is not { } read)
        {
            return null;
        }

        var relation = new CareRelation(read.Id, read.Child, [read.Version]);
        return relation.FosterParentBases()
            .Where(b => b.FosterParent.Value == row.PartitionKey)
            .Select(b => new Application.Authorization.Representation(b.FosterParent, relation.Child, b.Basis))
            .ToList();
    }

    public string Signature(TableEntity row) => CareRelationRows.Signature(row);
}
