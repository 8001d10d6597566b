using CitizenServices.Application.Representation.RepairIndex;

namespace CitizenServices.Infrastructure.Guardianships;

/// <summary>
/// The guardians' index rows of one ward rebuilt from the ward's register facts in the replica (the follower writes them
/// as it applies the ward; a replay of the feed rewrites them too).
/// </summary>
public sealed class RegisterGuardianshipIndexRepair(IPopulationRegister register, RepresentedIndex index) : IRepresentationIndexRepair
{
    public string Kind => GuardianshipRows.IndexSource;

    public async Task<RepresentationIndexRepair> RepairAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var facts = await register.FindAsync(principal, cancellationToken);
        var expected = (facts?.Guardianships ?? []).Select(g => GuardianshipRows.Index(RegisterGuardianships.Record(principal, g))).ToList();
        var repair = await index.RepairAsync(Kind, principal, expected, cancellationToken);
        return new RepresentationIndexRepair(Kind, repair.Rewritten, repair.Removed);
    }
}
