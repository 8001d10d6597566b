namespace CitizenServices.Application.Representation;

/// <summary>A person on a representation list, with every basis that links them to the caller now.</summary>
public sealed record ListedPerson(RegisteredPerson Person, IReadOnlyList<RepresentationBasis> Bases);

/// <summary>
/// "Who can I act for" (every registered <see cref="IRepresentedLookup"/>: parents, and the index of the stored kinds)
/// and "who can act for me" (every registered <see cref="IRepresentationDirectory"/>). Only representations valid now, and only
/// people who pass the eligibility rule (no confidential address, registered, alive) on both sides, so a list
/// never offers what the enforcement point would refuse.
/// </summary>
public sealed class RepresentationListing(
    IEnumerable<IRepresentedLookup> lookups, IEnumerable<IRepresentationDirectory> directories, IPopulationRegister register, TimeProvider time,
    ISubjectRecords? records = null)
{
    private readonly IRepresentedLookup[] _lookups = lookups.ToArray();
    private readonly IRepresentationDirectory[] _directories = directories.ToArray();
    private readonly ISubjectRecords _records = records ?? new RegisterSubjectRecords(register);

    public async Task<IReadOnlyList<ListedPerson>> ListRepresentedAsync(
        NationalIdentityNumber representative, CancellationToken cancellationToken)
    {
        // The representative's own record holds their facts and copies of the facts of everyone they act for.
        var own = await _records.ReadAsync(representative, cancellationToken);
        if (!RepresentationEligibility.MayTakePart(RepresentationParties.Of(own.Facts)))
        {
            return [];
        }

        // Every kind at once: each is its own storage read, and none depends on another.
        var found = (await Task.WhenAll(_lookups.Select(l => l.ListRepresentedAsync(representative, cancellationToken)))).SelectMany(r => r);

        return await GroupAsync(
            found.Where(r => r.Representative == representative && r.Subject != representative),
            r => r.Subject,
            _ => true,
            own,
            cancellationToken);
    }

    /// <param name="viewer">
    /// Who asks: the subject, or a representative of the subject. A representative is not shown foster parents:
    /// the foster home must never reach the child's parents through this service.
    /// </param>
    public async Task<IReadOnlyList<ListedPerson>> ListRepresentativesAsync(
        NationalIdentityNumber subject, NationalIdentityNumber viewer, CancellationToken cancellationToken)
    {
        // The subject's record (read once per request, already read by the enforcement point) holds the facts of every
        // representative its relations name, so the list needs no further read.
        var record = await _records.ReadAsync(subject, cancellationToken);
        if (!RepresentationEligibility.MayTakePart(RepresentationParties.Of(record.Facts)))
        {
            return [];
        }

        // Every kind at once; after the enforcement point decided for a representative, each answers from what it read then.
        var found = (await Task.WhenAll(_directories.Select(d => d.ListRepresentativesAsync(subject, cancellationToken)))).SelectMany(r => r);

        return await GroupAsync(
            found.Where(r => r.Subject == subject && r.Representative != subject),
            r => r.Representative,
            basis => viewer == subject || basis.Kind != BasisKind.FosterParent,
            record,
            cancellationToken);
    }

    private async Task<IReadOnlyList<ListedPerson>> GroupAsync(
        IEnumerable<Authorization.Representation> representations,
        Func<Authorization.Representation, NationalIdentityNumber> other,
        Func<RepresentationBasis, bool> shown,
        SubjectRecord? record,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var result = new List<ListedPerson>();
        var current = representations
            .Where(r => r.Basis.Kind != BasisKind.Self && r.Basis.IsValidAt(now) && shown(r.Basis))
            .GroupBy(other);
        foreach (var group in current)
        {
            var person = record?.Person(group.Key) ?? await register.FindAsync(group.Key, cancellationToken);
            if (person is null || !RepresentationEligibility.MayTakePart(RepresentationParties.Of(person)))
            {
                continue;
            }

            result.Add(new ListedPerson(
                person,
                group.Select(r => r.Basis).DistinctBy(b => (b.Kind, b.RelationId)).OrderBy(b => b.Kind.Value, StringComparer.Ordinal).ToList()));
        }

        return result.OrderBy(p => p.Person.BirthDate).ThenBy(p => p.Person.FullName, StringComparer.Ordinal).ToList();
    }
}
