using Azure.Storage.Blobs.Models;

namespace CitizenServices.Infrastructure.AccessLog;

/// <summary>
/// Anchors in the <c>accesslog-anchors</c> container, which in Azure has a time-based immutability (WORM) policy
/// (infra/modules/storage.bicep): one blob per anchored head, <c>{chain id}/{sequence, 19 digits}.json</c>, created only if
/// absent and never written again. Azurite does not enforce immutability, so locally and in tests the container is an
/// ordinary one; only the write-once discipline here is the same.
/// </summary>
public sealed class BlobAccessLogAnchorStore(BlobContainerClient container, TimeProvider time) : IAccessLogAnchorStore
{
    private const int FormatVersion = 1;

    public async Task<bool> AnchorAsync(NationalIdentityNumber principal, AccessLogHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        var document = new AnchorDocument(FormatVersion, head.Sequence, head.Hash.Hex, time.GetUtcNow());
        try
        {
            await container.GetBlobClient(BlobName(principal, head.Sequence)).UploadAsync(
                BinaryData.FromObjectAsJson(document),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            // Anchored before (or, in Azure, immutable): the first anchor of a sequence is the one that counts.
            return false;
        }
    }

    public async Task<IReadOnlyList<AccessLogAnchor>> ReadAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var anchors = new List<AccessLogAnchor>();
        var prefix = AccessLogAnchors.ChainId(principal) + "/";
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            var document = content.Value.Content.ToObjectFromJson<AnchorDocument>()
                ?? throw new InvalidDataException($"Anchor {item.Name} is empty.");
            if (document.FormatVersion != FormatVersion || !AccessLogHash.TryParse(document.Hash, out var hash)
                || item.Name != BlobName(principal, document.Sequence))
            {
                // An anchor that does not read back is itself evidence of tampering or a bug: never skip it silently.
                throw new InvalidDataException($"Anchor {item.Name} is not an anchor this service wrote.");
            }

            anchors.Add(new AccessLogAnchor(document.Sequence, hash!, document.AnchoredAt));
        }

        return anchors;
    }

    private static string BlobName(NationalIdentityNumber principal, long sequence) =>
        $"{AccessLogAnchors.ChainId(principal)}/{sequence.ToString("D19", CultureInfo.InvariantCulture)}.json";

    private sealed record AnchorDocument(int FormatVersion, long Sequence, string Hash, DateTimeOffset AnchoredAt);
}
