using CitizenServices.Domain.Guardianship;

namespace CitizenServices.Application.Guardianship;

/// <summary>
/// Guardians (verge) as a representation kind, basis <c>guardian</c>, from the register's guardianship entries
/// (vergemaalEllerFremtidsfullmakt) in the ward's facts: the follower keeps them current, so an appointment or an ending
/// counts once the follower has applied it. Relation id = a stable id of the ward and guardian pair. "Who can I act for"
/// comes from the shared index of stored kinds, which the follower writes. The address-protection, unknown and deceased
/// rule is applied centrally by the decider and the listing, as for every kind.
/// </summary>
public sealed class GuardianRepresentationSource(ISubjectRecords records)
    : IRepresentationSource, IRepresentationDirectory
{
    public async Task<IReadOnlyList<RepresentationBasis>> FindAsync(
        NationalIdentityNumber representative, NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        (await ListForWardAsync(subject, cancellationToken))
            .Where(g => g.Guardian == representative && g.Scopes.Count > 0)
            .Select(g => g.ToBasis())
            .ToList();

    public async Task<IReadOnlyList<Authorization.Representation>> ListRepresentativesAsync(
        NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        (await ListForWardAsync(subject, cancellationToken))
            .Where(g => g.Scopes.Count > 0)
            .Select(g => new Authorization.Representation(g.Guardian, g.Ward, g.ToBasis()))
            .ToList();

    private async Task<IReadOnlyList<GuardianshipRecord>> ListForWardAsync(NationalIdentityNumber ward, CancellationToken cancellationToken) =>
        (await records.ReadAsync(ward, cancellationToken)).Facts is { } facts
            ? facts.Guardianships.Select(g => RegisterGuardianships.Record(ward, g)).ToList()
            : [];
}
