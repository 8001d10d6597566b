namespace CitizenServices.Application.Authorization;

/// <summary>
/// The decision behind the policy enforcement point: reads the subject's record once (register facts and stored kinds,
/// one partition query in Table Storage), applies the eligibility rule to both sides, asks every representation source
/// (which answer from the same record) and lets the domain rule decide. Nothing is cached across requests, so an ended
/// representation stops working on the next request.
/// </summary>
public sealed class SubjectAccessDecider(
    IEnumerable<IRepresentationSource> sources, ISubjectRecords records, IPopulationRegister register, TimeProvider time)
{
    private readonly IRepresentationSource[] _sources = sources.ToArray();

    /// <summary>For compositions without the table replica: the record is composed from the register.</summary>
    public SubjectAccessDecider(IEnumerable<IRepresentationSource> sources, IPopulationRegister register, TimeProvider time)
        : this(sources, new RegisterSubjectRecords(register), register, time)
    {
    }

    public async Task<AccessDecision> DecideAsync(
        NationalIdentityNumber caller, NationalIdentityNumber subject, Scope scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (caller == subject)
        {
            return AccessDecision.Decide(caller, subject, scope, [], now);
        }

        // Checked here, once for every kind, so no source can forget it: a confidential address (or a person unknown to
        // the register, or deceased) on either side means no representation. The caller's facts come from the subject's
        // record (a copy kept with every relation that names them); only a caller no relation names is read on their own.
        var record = await records.ReadAsync(subject, cancellationToken);
        var representative = record.Person(caller) ?? await register.FindAsync(caller, cancellationToken);
        if (!RepresentationEligibility.MayTakePart(RepresentationParties.Of(record.Facts))
            || !RepresentationEligibility.MayTakePart(RepresentationParties.Of(representative)))
        {
            return AccessDecision.Denied;
        }

        var found = await Task.WhenAll(_sources.Select(s => s.FindAsync(caller, subject, cancellationToken)));
        return AccessDecision.Decide(caller, subject, scope, found.SelectMany(b => b), now);
    }
}
