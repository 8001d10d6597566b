using CitizenServices.Application.PopulationRegister;
using CitizenServices.Application.Representation;
using CitizenServices.Domain.Authorization;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Application.Authorization;

/// <summary>
/// The decision behind the policy enforcement point: asks every representation source and lets the domain
/// rule decide. Nothing is cached, so an ended representation stops working on the next request.
/// </summary>
public sealed class SubjectAccessDecider(IEnumerable<IRepresentationSource> sources, IPopulationRegister register, TimeProvider time)
{
    private readonly IRepresentationSource[] _sources = sources.ToArray();

    public async Task<AccessDecision> DecideAsync(
        NationalIdentityNumber caller, NationalIdentityNumber subject, Scope scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (caller == subject)
        {
            return AccessDecision.Decide(caller, subject, scope, [], now);
        }

        // Checked here, once for every kind, so no source can forget it: a confidential address (or a person
        // unknown to the register, or deceased) on either side means no representation.
        if (!await RepresentationParties.MayRepresentAsync(register, caller, subject, cancellationToken))
        {
            return AccessDecision.Denied;
        }

        var found = await Task.WhenAll(_sources.Select(s => s.FindAsync(caller, subject, cancellationToken)));
        return AccessDecision.Decide(caller, subject, scope, found.SelectMany(b => b), now);
    }
}
