using CitizenServices.Application.Authorization;
using CitizenServices.Domain.Authorization;
using CitizenServices.Domain.Guardianship;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Application.Guardianship;

/// <summary>
/// Guardians (verge) as a representation kind, basis <c>guardian</c>, relation id = the guardianship id. Authorization
/// (<see cref="IRepresentationSource"/>) reads only the ward's own partition, so an ending applied from the feed counts
/// on the next request; "who can I act for" comes from the shared index of stored kinds (<see cref="IRepresentedLookup"/>). The address-protection, unknown and
/// deceased rule is applied centrally by the decider and the listing, as for every kind.
/// </summary>
public sealed class GuardianRepresentationSource(IGuardianshipStore store) : IRepresentationSource, IRepresentationDirectory
{
    private readonly PerRequestReads<NationalIdentityNumber, IReadOnlyList<GuardianshipRecord>> _wards = new();

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

    private Task<IReadOnlyList<GuardianshipRecord>> ListForWardAsync(NationalIdentityNumber ward, CancellationToken cancellationToken) =>
        _wards.GetAsync(ward, w => store.ListForWardAsync(w, cancellationToken));
}
