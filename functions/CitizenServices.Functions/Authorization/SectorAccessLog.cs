namespace CitizenServices.Functions.Authorization;

/// <summary>
/// Writes a sector system's lookup (<c>/api/v1/registry/...</c>) to the person's access log before the answer leaves, so the
/// person can see which organisation looked at which of their decisions, and when. The actor is the organisation (legal
/// entity and sub-unit) or, for a user-bound HelseID token, the health personnel by HPR number; an Entra ID caller by its
/// object id. The basis is <c>sector-system</c> with the client id, the channel <c>sector-system</c>. A lookup that cannot
/// be logged fails (503 on contention) and answers nothing.
/// </summary>
public sealed class SectorAccessLog(IAccessLog log)
{
    // Bounds the appends of a listed page, which go to as many logs as there are people on it.
    private const int ParallelAppends = 16;

    public Task AppendAsync(
        HttpContext context, NationalIdentityNumber person, string operation, IEnumerable<KeyValuePair<string, string>> ids,
        CancellationToken cancellationToken) =>
        log.AppendAsync(person, Draft(context, operation, ids), cancellationToken);

    /// <summary>One entry in each person's log, all written before this returns.</summary>
    public async Task AppendEachAsync(
        HttpContext context, IEnumerable<NationalIdentityNumber> persons, string operation, IEnumerable<KeyValuePair<string, string>> ids,
        CancellationToken cancellationToken)
    {
        var draft = Draft(context, operation, ids);
        await Parallel.ForEachAsync(
            persons,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelAppends, CancellationToken = cancellationToken },
            async (person, token) => await log.AppendAsync(person, draft, token));
    }

    private static AccessLogDraft Draft(HttpContext context, string operation, IEnumerable<KeyValuePair<string, string>> ids)
    {
        var (actor, client) = Caller(context.User);
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText
            ?? throw new InvalidOperationException("A sector lookup is logged from a routed endpoint.");
        return new AccessLogDraft(
            actor,
            new AccessLogBasis(AccessLogBasisKinds.SectorSystem, client),
            AccessLogAction.Read(operation),
            new AccessLogResource("/" + template.TrimStart('/'), ids),
            CorrelationId.Get(context) ?? context.TraceIdentifier,
            AccessLogChannels.SectorSystem);
    }

    private static (AccessLogActor Actor, string? Client) Caller(ClaimsPrincipal user)
    {
        if (SectorCaller.IsHelseIdUser(user))
        {
            var caller = SectorCaller.From(user, out var problem)
                ?? throw new InvalidOperationException("A HelseID caller the sector policy let through is not readable: " + problem);
            return (caller.Actor, caller.ClientId);
        }

        var client = user.FindFirst("azp")?.Value ?? user.FindFirst("appid")?.Value;
        return (AccessLogActor.Workforce(user.WorkforceObjectId()), client is { Length: > 0 and <= AccessLogBasis.MaxRelationIdLength } ? client : null);
    }
}
