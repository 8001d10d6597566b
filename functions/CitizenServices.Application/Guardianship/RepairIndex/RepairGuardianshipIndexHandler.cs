using CitizenServices.Application.Representation.RepairIndex;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Application.Guardianship.RepairIndex;

/// <summary>
/// Rebuilds a ward's rows in the index by guardian from the ward's partition. Idempotent; for an operations job (the
/// inbox also rewrites the index when a change is redelivered, which heals a failed index write by itself).
/// </summary>
public sealed class RepairGuardianshipIndexHandler(IGuardianshipStore store) : IRepresentationIndexRepair
{
    public string Kind => "guardianship";

    /// <param name="principal">The ward.</param>
    public async Task<RepresentationIndexRepair> RepairAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var repair = await HandleAsync(principal, cancellationToken);
        return new RepresentationIndexRepair(Kind, repair.Rewritten, repair.Removed);
    }

    public Task<GuardianshipIndexRepair> HandleAsync(NationalIdentityNumber ward, CancellationToken cancellationToken) =>
        store.RepairIndexAsync(ward, cancellationToken);
}
