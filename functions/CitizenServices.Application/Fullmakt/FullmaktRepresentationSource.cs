using CitizenServices.Application.Authorization;
using CitizenServices.Application.PopulationRegister;
using CitizenServices.Domain.Authorization;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Application.Fullmakt;

/// <summary>
/// Fullmakt as a representation kind. Authorization (<see cref="IRepresentationSource"/>) reads only the subject's own
/// partition, so it sees only fullmakter the subject gave: what the representative holds from others never passes on
/// (no chains), and an ending is seen on the next request. Listings (<see cref="IRepresentationDirectory"/>) of what a
/// representative holds come from the shared index of stored kinds (<see cref="IRepresentedLookup"/>).
/// </summary>
public sealed class FullmaktRepresentationSource(IFullmaktStore store, IPopulationRegister register) : IRepresentationSource, IRepresentationDirectory
{
    private readonly PerRequestReads<NationalIdentityNumber, PrincipalFullmakter> _loads = new();

    public async Task<IReadOnlyList<RepresentationBasis>> FindAsync(
        NationalIdentityNumber representative, NationalIdentityNumber subject, CancellationToken cancellationToken)
    {
        var held = (await LoadAsync(subject, cancellationToken)).Fullmakter.Where(f => f.Representative == representative).ToList();
        if (held.Count == 0)
        {
            return [];
        }

        // A protected address or a death after the grant ends what the fullmakt can do, without anyone ending it.
        if (!await EligibleAsync(subject, cancellationToken) || !await EligibleAsync(representative, cancellationToken))
        {
            return [];
        }

        return held.Select(f => f.ToBasis()).ToList();
    }

    public async Task<IReadOnlyList<Authorization.Representation>> ListRepresentativesAsync(NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        (await LoadAsync(subject, cancellationToken)).Fullmakter.Select(f => new Authorization.Representation(f.Representative, f.Giver, f.ToBasis())).ToList();

    private Task<PrincipalFullmakter> LoadAsync(NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        _loads.GetAsync(subject, s => store.LoadAsync(s, cancellationToken));

    private async Task<bool> EligibleAsync(NationalIdentityNumber id, CancellationToken cancellationToken) =>
        FullmaktParties.Standing(await register.FindAsync(id, cancellationToken)) == Domain.Fullmakt.PartyStanding.Eligible;
}
