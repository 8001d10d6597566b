using Azure.Storage.Blobs.Models;

namespace CitizenServices.Infrastructure.Consent;

/// <summary>
/// Consent texts in the <c>documents</c> container, content-addressed: <c>consent-texts/sha256/{hash}</c>. A document is
/// written once and never overwritten (create-only), so what a decision refers to cannot change; a read checks the bytes
/// against the name before serving them.
/// </summary>
public sealed class BlobConsentTexts(StorageClients clients, SeedFileConsentCatalog catalog, ILogger<BlobConsentTexts> logger) : IConsentTexts
{
    private readonly BlobContainerClient _container = clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Documents);
    private readonly ConcurrentDictionary<string, bool> _stored = new(StringComparer.Ordinal);

    public static string BlobName(string sha256) => "consent-texts/sha256/" + sha256;

    public async Task EnsureStoredAsync(ConsentDefinitionVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (_stored.ContainsKey(version.TextSha256))
        {
            return;
        }

        var content = catalog.TextOf(version.TextSha256)
            ?? throw new InvalidOperationException($"The catalog has no text with hash {version.TextSha256}.");
        try
        {
            await _container.GetBlobClient(BlobName(version.TextSha256)).UploadAsync(
                new BinaryData(content),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = SeedFileConsentCatalog.TextContentType },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Already stored; the name is the hash, so it is the same text (ReadAsync checks that).
        }

        _stored[version.TextSha256] = true;
    }

    public async Task<ConsentText?> ReadAsync(ConsentDefinitionVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var blob = _container.GetBlobClient(BlobName(version.TextSha256));
        BlobDownloadResult download;
        try
        {
            download = (await blob.DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            if (catalog.TextOf(version.TextSha256) is null)
            {
                return null;
            }

            // Published in the catalog but not stored yet (a new deployment): store it now, then serve what was stored.
            _stored.TryRemove(version.TextSha256, out _);
            await EnsureStoredAsync(version, cancellationToken);
            download = (await blob.DownloadContentAsync(cancellationToken)).Value;
        }

        var content = download.Content.ToMemory();
        var actual = SeedFileConsentCatalog.Sha256(content.Span);
        if (actual != version.TextSha256)
        {
            logger.LogError("The stored consent text {Blob} does not match its hash (found {Actual}); it was altered in storage.", blob.Name, actual);
            throw new InvalidOperationException($"The stored consent text {blob.Name} does not match its hash.");
        }

        return new ConsentText(content, download.Details.ContentType ?? SeedFileConsentCatalog.TextContentType, actual);
    }
}
