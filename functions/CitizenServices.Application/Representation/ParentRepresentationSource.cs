using RepresentationRecord = CitizenServices.Application.Authorization.Representation;

namespace CitizenServices.Application.Representation;

/// <summary>
/// Parents as a representation kind: computed from parental responsibility in the register facts on every call, on
/// today's Europe/Oslo date, from the child's record (the child's facts, copies of the parents' facts, the child's foster
/// care relations: one read). Nothing is stored, so a birthday moves a child into the next age band on the day, and a
/// change the follower applied counts on the next request. Address protection is not decided here: the enforcement point
/// and the listing apply it to every kind alike. A child in foster care: the parents' representation follows the care
/// relation's decision.
/// </summary>
public sealed class ParentRepresentationSource(ISubjectRecords records, TimeProvider time)
    : IRepresentationSource, IRepresentationDirectory, IRepresentedLookup
{
    /// <summary>Parents without foster care, from the register alone (compositions without the table replica).</summary>
    public ParentRepresentationSource(IPopulationRegister register, TimeProvider time)
        : this(new RegisterSubjectRecords(register), time)
    {
    }

    public async Task<IReadOnlyList<RepresentationBasis>> FindAsync(
        NationalIdentityNumber representative, NationalIdentityNumber subject, CancellationToken cancellationToken)
    {
        var record = await records.ReadAsync(subject, cancellationToken);
        if (record.Facts is not { } child || !child.ParentsWithParentalResponsibility.Contains(representative))
        {
            return [];
        }

        return OfChild(record).Where(r => r.Representative == representative).Select(r => r.Basis).ToList();
    }

    public async Task<IReadOnlyList<RepresentationRecord>> ListRepresentedAsync(
        NationalIdentityNumber representative, CancellationToken cancellationToken)
    {
        // The children the parent holds responsibility for (the parent's own facts, read with the parent's record), each
        // decided on its own record (read all at once); only a child whose own facts name the parent counts.
        var children = (await records.ReadAsync(representative, cancellationToken)).Facts?.ChildrenWithParentalResponsibility ?? [];
        var ofChildren = await Task.WhenAll(children.Select(child => records.ReadAsync(child, cancellationToken)));
        return ofChildren.SelectMany(OfChild).Where(r => r.Representative == representative).ToList();
    }

    public async Task<IReadOnlyList<RepresentationRecord>> ListRepresentativesAsync(
        NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        OfChild(await records.ReadAsync(subject, cancellationToken));

    private IReadOnlyList<RepresentationRecord> OfChild(SubjectRecord record)
    {
        if (record.Facts is not { } child)
        {
            return [];
        }

        var today = NorwegianTime.Today(time);

        // A parent whose facts are not in the record cannot be checked (deceased, address protection): no basis.
        var parents = child.ParentsWithParentalResponsibility.Select(record.Person).OfType<RegisteredPerson>().ToList();
        var underCare = FosterCareParentalAccess.Of(record.CareRelations, time.GetUtcNow());
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
