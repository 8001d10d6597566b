using CitizenServices.Application.Representation.RepairIndex;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Application.Fullmakt.RepairIndex;

/// <summary>
/// Rebuilds the inverse index (by representative) for one principal from their partition, the source of truth. Run it
/// after an index update failed (the write path logs that) or when listings and authorization disagree; it is
/// idempotent and safe to run at any time.
/// </summary>
public sealed class RepairFullmaktIndexHandler(IFullmaktStore store) : IRepresentationIndexRepair
{
    public string Kind => "fullmakt";

    public async Task<RepresentationIndexRepair> RepairAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var repair = await HandleAsync(principal, cancellationToken);
        return new RepresentationIndexRepair(Kind, repair.Rewritten, repair.Removed);
    }

    public Task<FullmaktIndexRepair> HandleAsync(NationalIdentityNumber principal, CancellationToken cancellationToken) =>
        store.RepairIndexAsync(principal, cancellationToken);
}
