namespace CitizenServices.Infrastructure.Backup;

/// <summary>
/// <c>{backup id}/manifest.json</c>: what an export holds, so a restore can prove it restored all of it. Written last: an
/// export without a manifest is incomplete and is not restored.
/// </summary>
public sealed record BackupManifest(int FormatVersion, string BackupId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<BackupTable> Tables)
{
    public const int CurrentFormatVersion = 1;

    public static string BlobName(string backupId) => $"{backupId}/manifest.json";

    public static string TableBlobName(string backupId, string table) => $"{backupId}/{table}.ndjson.gz";
}

/// <summary>One exported table: its row count and the SHA-256 of its uncompressed lines.</summary>
public sealed record BackupTable(string Name, long Rows, string Sha256);
