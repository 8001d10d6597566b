using System.IO.Compression;
using Azure.Storage.Blobs;
using CitizenServices.Infrastructure.AccessLog;
using CitizenServices.Infrastructure.Backup;

namespace CitizenServices.IntegrationTests.AccessLog;

/// <summary>
/// Rules (docs/deployment.md, "Access-log anchors" and "Backup and restore"): chain heads are anchored outside the table,
/// and verification checks the table against the anchors, so a rewrite by someone who can write the table is found; every
/// table can be exported to blobs and restored, and a restore proves its row counts and every access-log chain.
/// Against Azurite, which does not enforce the immutability policy the anchor container has in Azure: these tests show the
/// checks, not the WORM guarantee itself.
/// </summary>
public sealed class AccessLogAnchorAndBackupTests : IAsyncLifetime
{
    private static readonly NationalIdentityNumber First = AccessLogTestStore.Principal;
    private static readonly NationalIdentityNumber Second = AccessLogTestStore.OtherPerson;

    private readonly string _accessLogName = Azurite.UniqueName("accesslog");
    private readonly string _otherName = Azurite.UniqueName("consent");
    private TableServiceClient _tables = null!;
    private BlobContainerClient _anchorContainer = null!;
    private BlobContainerClient _backups = null!;
    private BlobAccessLogAnchorStore _anchors = null!;
    private TableAccessLog _log = null!;
    private AccessLogAnchoring _anchoring = null!;
    private TableStore _store = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.SharedAsync();
        _tables = new TableServiceClient(azurite.ConnectionString);
        await _tables.CreateTableIfNotExistsAsync(_accessLogName);
        await _tables.CreateTableIfNotExistsAsync(_otherName);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        _anchorContainer = blobs.GetBlobContainerClient(Azurite.UniqueName("anchors"));
        _backups = blobs.GetBlobContainerClient(Azurite.UniqueName("backups"));
        await _anchorContainer.CreateIfNotExistsAsync();
        await _backups.CreateIfNotExistsAsync();
        _store = new TableStore(_tables);
        _anchors = new BlobAccessLogAnchorStore(_anchorContainer, TimeProvider.System);
        _log = new TableAccessLog(_store.Table(_accessLogName), TimeProvider.System, NullLogger<TableAccessLog>.Instance, anchors: _anchors);
        _anchoring = new AccessLogAnchoring(_store.Table(_accessLogName), _anchors, NullLogger<AccessLogAnchoring>.Instance);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnchorAsync_AnchorsEachChangedHeadOnce()
    {
        await AppendAsync(First, 3);
        await AppendAsync(Second, 2);

        var first = await _anchoring.AnchorAsync(DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None);
        var again = await _anchoring.AnchorAsync(DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None);
        var nothingChanged = await _anchoring.AnchorAsync(DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

        Assert.Equal(new AccessLogAnchorRun(2, 2, 0, 0), first);
        Assert.Equal(new AccessLogAnchorRun(2, 0, 2, 0), again);
        Assert.Equal(0, nothingChanged.Heads);
        var anchors = await _anchors.ReadAsync(First, CancellationToken.None);
        Assert.Equal(3, Assert.Single(anchors).Sequence);
    }

    [Fact]
    public async Task VerifyAsync_WhenTheChainWasRewrittenWithFreshHashes_ReportsTheAnchorMismatch()
    {
        await AppendAsync(First, 4);
        await _anchoring.AnchorAsync(changedSince: null, CancellationToken.None);

        // Someone with write access to the table replaces the whole chain, hashes and head included: as a chain it is
        // flawless, and only the anchor shows that entry 4 used to be something else.
        await DeletePartitionAsync(First);
        await AppendAsync(First, 4, offset: 100);
        var withoutAnchors = await new TableAccessLog(_store.Table(_accessLogName), TimeProvider.System, NullLogger<TableAccessLog>.Instance)
            .VerifyAsync(First, CancellationToken.None);

        var verification = await _log.VerifyAsync(First, CancellationToken.None);

        Assert.True(withoutAnchors.IsIntact);
        var problem = Assert.Single(verification.Problems);
        Assert.Equal(AccessLogProblemKind.AnchorMismatch, problem.Kind);
        Assert.Equal(4, problem.FirstSequence);
        Assert.Contains("rewritten", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_WhenTheLogWasCutBackBelowAnAnchor_ReportsTheMissingAnchoredEntry()
    {
        await AppendAsync(First, 5);
        await _anchoring.AnchorAsync(changedSince: null, CancellationToken.None);

        // Cut back to three entries and a matching head: a shorter but valid chain.
        await DeletePartitionAsync(First);
        await AppendAsync(First, 3);

        var verification = await _log.VerifyAsync(First, CancellationToken.None);

        Assert.Contains(verification.Problems, p => p.Kind == AccessLogProblemKind.AnchorMismatch && p.FirstSequence == 5
            && p.Description.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportThenRestore_RestoresEveryRowWithItsTypes_AndVerifiesEveryChainAgainstItsAnchors()
    {
        await AppendAsync(First, 7);
        await AppendAsync(Second, 2);
        await _anchoring.AnchorAsync(changedSince: null, CancellationToken.None);
        var typed = new TableEntity("p1", "r1")
        {
            ["Text"] = "æøå", ["Int"] = 42, ["Long"] = 42L, ["Double"] = 0.1, ["Flag"] = true,
            ["When"] = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), ["Id"] = Guid.NewGuid(), ["Bytes"] = new byte[] { 0, 1, 254 },
        };
        await _tables.GetTableClient(_otherName).AddEntityAsync(typed);
        for (var i = 0; i < 130; i++)
        {
            // More than one transaction's worth in one partition.
            await _tables.GetTableClient(_otherName).AddEntityAsync(new TableEntity("p2", $"r{i:D3}") { ["N"] = i });
        }

        var manifest = await Exporter().ExportAsync(_backups, [_accessLogName, _otherName], "b1", CancellationToken.None);
        var prefix = "r" + Azurite.UniqueName("x");
        var report = await Restorer().RestoreAsync(_backups, "b1", _tables, prefix, _anchors, CancellationToken.None);

        Assert.True(report.IsComplete, string.Join("\n", report.Problems));
        Assert.Equal([(long)7 + 1 + 2 + 1, 131], manifest.Tables.Select(t => t.Rows));
        Assert.All(report.Tables, t => Assert.Equal(t.ExpectedRows, t.RestoredRows));
        Assert.Equal(2, report.AccessLogChainsVerified);
        var restored = (await _tables.GetTableClient(prefix + _otherName).GetEntityAsync<TableEntity>("p1", "r1")).Value;
        foreach (var name in new[] { "Text", "Int", "Long", "Double", "Flag", "When", "Id" })
        {
            Assert.Equal(typed[name], restored[name]);
        }

        Assert.IsType<long>(restored["Long"]);
        Assert.IsType<int>(restored["Int"]);
        Assert.Equal((byte[])typed["Bytes"], restored.GetBinary("Bytes"));
    }

    [Fact]
    public async Task Restore_WhenAnExportedTableLostARow_ReportsTheCountAndChecksum()
    {
        await AppendAsync(First, 3);
        await Exporter().ExportAsync(_backups, [_accessLogName], "b2", CancellationToken.None);
        await DropLastLineAsync(BackupManifest.TableBlobName("b2", _accessLogName));

        var report = await Restorer().RestoreAsync(_backups, "b2", _tables, "r" + Azurite.UniqueName("y"), _anchors, CancellationToken.None);

        Assert.False(report.IsComplete);
        Assert.Contains(report.Problems, p => p.Contains("3 rows restored, the export holds 4", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("checksum", StringComparison.Ordinal));
        // The dropped line is the head: the restored chain has entries without it.
        Assert.Contains(report.Problems, p => p.Contains(nameof(AccessLogProblemKind.MissingHead), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_IntoATableThatHoldsData_IsRefusedBeforeWritingAnything()
    {
        await AppendAsync(First, 1);
        await Exporter().ExportAsync(_backups, [_accessLogName], "b3", CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Restorer().RestoreAsync(_backups, "b3", _tables, "", _anchors, CancellationToken.None));

        Assert.Contains("already holds data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreCommand_RestoresAnExportFromTheBackupsContainerAndReportsIt()
    {
        // The operator's path: the handler executable's restore verb against the account's backups container.
        var azurite = await Azurite.SharedAsync();
        await _tables.GetTableClient(_otherName).AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        var backups = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.Containers.Backups);
        await backups.CreateIfNotExistsAsync();
        var backupId = Azurite.UniqueName("cli");
        await Exporter().ExportAsync(backups, [_otherName], backupId, CancellationToken.None);
        using var output = new StringWriter();

        var exit = await Functions.Backup.RestoreCommand.RunAsync(
            ["restore", "--backup", backupId, "--source", azurite.ConnectionString, "--target", azurite.ConnectionString,
             "--table-prefix", "r" + Azurite.UniqueName("z")],
            output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains($"{_otherName}: 1 of 1 rows, checksum matches", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("restored completely", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreCommand_WithoutTheBackupId_PrintsUsageAndExitsWithTwo()
    {
        using var output = new StringWriter();

        var exit = await Functions.Backup.RestoreCommand.RunAsync(["restore", "--source", "x", "--target", "y"], output, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.StartsWith("Usage:", output.ToString(), StringComparison.Ordinal);
    }

    private TableExporter Exporter() =>
        new(_store, TimeProvider.System, NullLogger<TableExporter>.Instance, accessLogTable: _accessLogName);

    private TableRestorer Restorer() => new(accessLogTable: _accessLogName);

    private async Task AppendAsync(NationalIdentityNumber principal, int count, int offset = 0)
    {
        for (var i = 1; i <= count; i++)
        {
            await _log.AppendAsync(principal, AccessLogTestStore.Draft(offset + i, principal), CancellationToken.None);
        }
    }

    private async Task DeletePartitionAsync(NationalIdentityNumber principal)
    {
        var table = _tables.GetTableClient(_accessLogName);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {principal.Value}")))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    private async Task DropLastLineAsync(string blobName)
    {
        var blob = _backups.GetBlobClient(blobName);
        string text;
        await using (var gzip = new GZipStream((await blob.DownloadStreamingAsync()).Value.Content, CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            text = await reader.ReadToEndAsync();
        }

        var lines = text.TrimEnd('\n').Split('\n');
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines[..^1]) + "\n"));
        }

        buffer.Position = 0;
        await blob.UploadAsync(buffer, overwrite: true);
    }
}
