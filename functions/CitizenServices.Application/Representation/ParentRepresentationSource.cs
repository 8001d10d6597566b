using CitizenServices.Application.Authorization;
using CitizenServices.Application.PopulationRegister;
using CitizenServices.Domain.Authorization;
using CitizenServices.Domain.CareRelations;
using CitizenServices.Domain.Identity;
using CitizenServices.Domain.Representation;
using CitizenServices.Domain.Time;
using RepresentationRecord = CitizenServices.Application.Authorization.Representation;

namespace CitizenServices.Application.Representation;

/// <summary>
/// Parents as a representation kind: computed from parental responsibility in the population register on every
/// call, on today's Europe/Oslo date. Nothing is stored, so a birthday moves a child into the next age band on
/// the day, and a change in the register takes effect on the next request. Address protection is not decided
/// here: the enforcement point and the listing apply it to every kind alike. A child in foster care: the parents'
/// representation follows the care relation's decision (<see cref="IChildCarePlacements"/>), asked on every call too.
/// </summary>
public sealed class ParentRepresentationSource(IPopulationRegister register, TimeProvider time, IChildCarePlacements? placements)
    : IRepresentationSource, IRepresentationDirectory, IRepresentedLookup
{
    /// <summary>Parents without foster care (no care relations registered in this composition).</summary>
    public ParentRepresentationSource(IPopulationRegister register, TimeProvider time)
        : this(register, time, null)
    {
    }

    public async Task<IReadOnlyList<RepresentationBasis>> FindAsync(
        NationalIdentityNumber representative, NationalIdentityNumber subject, CancellationToken cancellationToken)
    {
        var child = await register.FindAsync(subject, cancellationToken);
        if (child is null || !child.ParentsWithParentalResponsibility.Contains(representative))
        {
            return [];
        }

        var representations = await OfChildAsync(child, cancellationToken);
        return representations.Where(r => r.Representative == representative).Select(r => r.Basis).ToList();
    }

    public async Task<IReadOnlyList<RepresentationRecord>> ListRepresentedAsync(
        NationalIdentityNumber representative, CancellationToken cancellationToken)
    {
        // Each child's foster-care relations are a storage read of their own: read them all at once.
        var children = await register.FindChildrenAsync(representative, cancellationToken);
        var ofChildren = await Task.WhenAll(children.Select(child => OfChildAsync(child, cancellationToken)));
        return ofChildren.SelectMany(r => r).Where(r => r.Representative == representative).ToList();
    }

    public async Task<IReadOnlyList<RepresentationRecord>> ListRepresentativesAsync(
        NationalIdentityNumber subject, CancellationToken cancellationToken)
    {
        var child = await register.FindAsync(subject, cancellationToken);
        return child is null ? [] : await OfChildAsync(child, cancellationToken);
    }

    private async Task<IReadOnlyList<RepresentationRecord>> OfChildAsync(RegisteredPerson child, CancellationToken cancellationToken)
    {
        var today = NorwegianTime.Today(time);
        var parents = new List<RegisteredPerson>();
        foreach (var id in child.ParentsWithParentalResponsibility)
        {
            // A parent the register cannot return cannot be checked (deceased, address protection): no basis.
            if (await register.FindAsync(id, cancellationToken) is { } parent)
            {
                parents.Add(parent);
            }
        }

        var underCare = placements is null ? ParentalAccessUnderCare.NotInCare : await placements.ParentalAccessAsync(child.Id, cancellationToken);
        if (underCare == ParentalAccessUnderCare.Removed)
        {
            return [];
        }

        // A decision that keeps the parents' access keeps it although the child lives at the foster home: the same-address
        // rule is about children living apart from their parents for other reasons, not about a placement.
        var aParentLivesWithChild = underCare == ParentalAccessUnderCare.Keeps || parents.Any(p => !p.IsDeceased && child.LivesWith(p));
        var result = new List<RepresentationRecord>();
        foreach (var parent in parents)
        {
            var facts = new ParentalFacts(parent.Id, child.Id, aParentLivesWithChild, parent.IsDeceased, child.IsDeceased);
            if (ParentalRepresentation.Decide(facts, today) is { } basis)
            {
                result.Add(new RepresentationRecord(parent.Id, child.Id, basis));
            }
        }

        return result;
    }
}
