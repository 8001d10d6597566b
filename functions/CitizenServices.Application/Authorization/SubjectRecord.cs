namespace CitizenServices.Application.Authorization;

/// <summary>
/// Everything the policy enforcement point decides with about one subject, read at once: the subject's register facts
/// and those of the people its relations name (parents, guardians, fullmakt holders, foster parents), the fullmakter the
/// subject gave, and the subject's foster care relations. In Table Storage this is one partition query of the subject
/// (docs/identity.md, "The read path"); nothing of it outlives the request.
/// </summary>
public sealed record SubjectRecord(
    NationalIdentityNumber Subject,
    IReadOnlyDictionary<NationalIdentityNumber, RegisteredPerson> People,
    IReadOnlyList<Domain.Fullmakt.Fullmakt> Fullmakter,
    IReadOnlyList<CareRelation> CareRelations)
{
    /// <summary>The subject's own facts; null when the register does not know the subject.</summary>
    public RegisteredPerson? Facts => People.GetValueOrDefault(Subject);

    public RegisteredPerson? Person(NationalIdentityNumber id) => People.GetValueOrDefault(id);
}

/// <summary>Reads a subject's record; implementations read once per request (scoped) and cache nothing longer.</summary>
public interface ISubjectRecords
{
    Task<SubjectRecord> ReadAsync(NationalIdentityNumber subject, CancellationToken cancellationToken);
}

/// <summary>
/// A subject record composed from the population register port and per-kind stores: for compositions without the table
/// replica (unit tests of the rules). The handler uses the one-query table reader.
/// </summary>
public sealed class RegisterSubjectRecords(
    IPopulationRegister register,
    Func<NationalIdentityNumber, CancellationToken, Task<IReadOnlyList<CareRelation>>>? careRelations = null,
    Func<NationalIdentityNumber, CancellationToken, Task<IReadOnlyList<Domain.Fullmakt.Fullmakt>>>? fullmakter = null) : ISubjectRecords
{
    private readonly PerRequestReads<NationalIdentityNumber, SubjectRecord> _reads = new();

    public Task<SubjectRecord> ReadAsync(NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        _reads.GetAsync(subject, s => ComposeAsync(s, cancellationToken));

    private async Task<SubjectRecord> ComposeAsync(NationalIdentityNumber subject, CancellationToken cancellationToken)
    {
        var people = new Dictionary<NationalIdentityNumber, RegisteredPerson>();
        if (await register.FindAsync(subject, cancellationToken) is { } found)
        {
            // A register that answers children only through FindChildrenAsync (the seed file) gets them filled in here.
            var facts = found.ChildrenWithParentalResponsibility.Count > 0
                ? found
                : found with { ChildrenWithParentalResponsibility = [.. (await register.FindChildrenAsync(subject, cancellationToken)).Select(c => c.Id)] };
            people[subject] = facts;
            foreach (var related in facts.ParentsWithParentalResponsibility.Concat(facts.Guardianships.Select(g => g.GuardianId)))
            {
                if (!people.ContainsKey(related) && await register.FindAsync(related, cancellationToken) is { } other)
                {
                    people[related] = other;
                }
            }
        }

        var relations = careRelations is null ? [] : await careRelations(subject, cancellationToken);
        var given = fullmakter is null ? [] : await fullmakter(subject, cancellationToken);
        foreach (var id in given.Select(f => f.Representative).Concat(relations.SelectMany(r => r.Current.FosterParents)))
        {
            if (!people.ContainsKey(id) && await register.FindAsync(id, cancellationToken) is { } other)
            {
                people[id] = other;
            }
        }

        return new SubjectRecord(subject, people, given, relations);
    }
}
