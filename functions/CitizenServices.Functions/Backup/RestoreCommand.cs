using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace CitizenServices.Functions.Backup;

/// <summary>
/// <c>CitizenServices.Functions restore …</c>: an operator restores a table export (docs/deployment.md, "Backup and
/// restore") with the same executable the package deploys, so the restore code is always the version that wrote the
/// export. Service URIs authenticate with <see cref="DefaultAzureCredential"/> (az login, a managed identity); a
/// connection string is for Azurite. Exit code 0: restored and every check passed; 1: restored with problems (listed);
/// 2: wrong arguments.
/// </summary>
public static class RestoreCommand
{
    public const string Verb = "restore";

    private const string Usage =
        "Usage: CitizenServices.Functions restore --backup <id> --source <blob service URI or connection string> " +
        "--target <table service URI or connection string> [--table-prefix <prefix>] [--no-anchors]\n" +
        "  --source        the account holding the backups and accesslog-anchors containers\n" +
        "  --target        where to restore; every table must be empty or absent\n" +
        "  --table-prefix  prepended to each table name (restore beside live tables)\n" +
        "  --no-anchors    verify access-log chains without the anchors (only when the source account is gone)";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var useAnchors = true;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--no-anchors")
            {
                useAnchors = false;
            }
            else if (args[i] is "--backup" or "--source" or "--target" or "--table-prefix" && i + 1 < args.Count)
            {
                options[args[i]] = args[++i];
            }
            else
            {
                await output.WriteLineAsync($"Unknown or incomplete argument '{args[i]}'.\n{Usage}");
                return 2;
            }
        }

        if (!options.TryGetValue("--backup", out var backupId) || !options.TryGetValue("--source", out var source)
            || !options.TryGetValue("--target", out var target))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        TokenCredential credential = new DefaultAzureCredential();
        var sourceBlobs = IsUri(source) ? new BlobServiceClient(new Uri(source), credential) : new BlobServiceClient(source);
        var targetTables = IsUri(target) ? new TableServiceClient(new Uri(target), credential) : new TableServiceClient(target);
        var anchors = useAnchors
            ? new BlobAccessLogAnchorStore(sourceBlobs.GetBlobContainerClient(StorageNames.Containers.AccessLogAnchors), TimeProvider.System)
            : null;

        var report = await new TableRestorer().RestoreAsync(
            sourceBlobs.GetBlobContainerClient(StorageNames.Containers.Backups), backupId, targetTables,
            options.GetValueOrDefault("--table-prefix", string.Empty), anchors, cancellationToken);

        foreach (var table in report.Tables)
        {
            await output.WriteLineAsync(
                $"{table.Name}: {table.RestoredRows} of {table.ExpectedRows} rows, checksum {(table.ChecksumMatches ? "matches" : "DOES NOT MATCH")}");
        }

        await output.WriteLineAsync($"Access-log chains verified: {report.AccessLogChainsVerified}{(useAnchors ? " (against their anchors)" : " (without anchors)")}");
        foreach (var problem in report.Problems)
        {
            await output.WriteLineAsync("PROBLEM: " + problem);
        }

        await output.WriteLineAsync(report.IsComplete ? $"Backup {backupId} restored completely." : $"Backup {backupId} restored with {report.Problems.Count} problem(s).");
        return report.IsComplete ? 0 : 1;
    }

    private static bool IsUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
