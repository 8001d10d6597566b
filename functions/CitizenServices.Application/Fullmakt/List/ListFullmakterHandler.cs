namespace CitizenServices.Application.Fullmakt.List;

public enum FullmaktDirection
{
    Both,
    Given,
    Received,
}

/// <summary>A person's fullmakter, newest first, ended and expired ones included (the history).</summary>
public sealed record FullmaktListing(IReadOnlyList<Domain.Fullmakt.Fullmakt>? Given, IReadOnlyList<Domain.Fullmakt.Fullmakt>? Received);

/// <summary>
/// Lists what a person has given (their own partition) and received (the index by representative). Nothing is filtered
/// by time: each entry carries its validity and the caller sees its status.
/// </summary>
public sealed class ListFullmakterHandler(IFullmaktStore store)
{
    public async Task<FullmaktListing> HandleAsync(NationalIdentityNumber person, FullmaktDirection direction, CancellationToken cancellationToken)
    {
        var given = direction == FullmaktDirection.Received ? null : Newest((await store.LoadAsync(person, cancellationToken)).Fullmakter);
        var received = direction == FullmaktDirection.Given ? null : Newest(await store.ListReceivedAsync(person, cancellationToken));
        return new FullmaktListing(given, received);
    }

    private static List<Domain.Fullmakt.Fullmakt> Newest(IEnumerable<Domain.Fullmakt.Fullmakt> fullmakter) =>
        fullmakter.OrderByDescending(f => f.GrantedAt).ThenBy(f => f.Id).ToList();
}

/// <summary>One fullmakt by id, for its giver or representative only.</summary>
public sealed class GetFullmaktHandler(FullmaktLocator locator)
{
    public async Task<Result<Domain.Fullmakt.Fullmakt>> HandleAsync(NationalIdentityNumber caller, Guid id, CancellationToken cancellationToken) =>
        await locator.FindAsync(caller, id, cancellationToken) is var (_, fullmakt)
            ? Result.Ok(fullmakt)
            : FullmaktRules.NotFound();
}
