namespace CitizenServices.Application.Consent.Registry;

public static class ActivePersonsPaging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
}

/// <summary>
/// The sector's "who has an active decision on X", paged by identity number: a page continues after the last person of
/// the one before, so a person is never listed twice or skipped while the list is read (unless their decision changes).
/// Active means given or reserved, on the definition's current major version and not expired (as <see cref="ConsentRules.StatusOf"/>).
/// </summary>
public sealed class ListActivePersonsHandler(IConsentCatalog catalog, IConsentStore store, TimeProvider time)
{
    /// <returns>Null when there is no such definition.</returns>
    public async Task<ActivePersonsPage?> HandleAsync(
        string definitionId, NationalIdentityNumber? after, int pageSize, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > ActivePersonsPaging.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"Between 1 and {ActivePersonsPaging.MaxPageSize}.");
        }

        return catalog.Find(definitionId) is not { } definition
            ? null
            : await store.ListActiveAsync(definition.Id, definition.Current.Version.Major, time.GetUtcNow(), after, pageSize, cancellationToken);
    }
}
