namespace CitizenServices.Application.CareRelations.Read;

/// <summary>
/// The caseworker's reads: one relation with its history, and the relations of a child. A caseworker sees only the
/// relations their municipality is responsible for.
/// </summary>
public sealed class CareRelationQueries(ICareRelationStore store)
{
    /// <summary>The relation with its whole history, an error when unknown or another municipality's.</summary>
    public async Task<Result<CareRelation>> GetAsync(Guid id, string municipality, CancellationToken cancellationToken)
    {
        var child = await store.LocateAsync(id, cancellationToken);
        var relation = child is { } c ? (await store.LoadAsync(c, cancellationToken)).Relations.FirstOrDefault(r => r.Id == id) : null;
        if (relation is null)
        {
            return Error.NotFound(Error.NotFoundCode, "id", "No such care relation.");
        }

        return relation.Current.Municipality == municipality
            ? relation
            : CareRelationErrors.OtherMunicipality;
    }

    /// <summary>The child's relations the municipality is responsible for, with their histories, oldest first.</summary>
    public async Task<IReadOnlyList<CareRelation>> ListAsync(NationalIdentityNumber child, string municipality, CancellationToken cancellationToken) =>
        (await store.LoadAsync(child, cancellationToken)).Relations
            .Where(r => r.Current.Municipality == municipality)
            .OrderBy(r => r.History[0].ChangedAt)
            .ToList();
}
