using CitizenServices.Application.Representation.RepairIndex;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Application.CareRelations.RepairIndex;

/// <summary>Rebuilds a child's rows in the index by representative (foster parents) from the child's partition. Idempotent.</summary>
public sealed class RepairCareRelationIndexHandler(ICareRelationStore store) : IRepresentationIndexRepair
{
    public string Kind => "fostercare";

    /// <param name="principal">The child.</param>
    public async Task<RepresentationIndexRepair> RepairAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var (rewritten, removed) = await store.RepairIndexAsync(principal, cancellationToken);
        return new RepresentationIndexRepair(Kind, rewritten, removed);
    }
}
