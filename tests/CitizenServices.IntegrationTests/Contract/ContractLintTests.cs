namespace CitizenServices.IntegrationTests.Contract;

/// <summary>
/// The committed contract passes a standard OpenAPI linter, Spectral's <c>spectral:oas</c> ruleset
/// (<c>contracts/.spectral.yaml</c>), with no errors: examples agree with their schemas, every path parameter is declared,
/// so a client generated from the document can call every operation. Spectral comes from <c>npm ci</c> (package.json).
/// </summary>
public sealed class ContractLintTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CommittedContract_UnderSpectralOas_HasNoErrors()
    {
        var root = RepositoryRoot.Find();
        var spectral = Path.Combine(root, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
        Assert.True(File.Exists(spectral), $"{spectral} is missing: run npm ci at the repository root.");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { spectral, "lint", "contracts/openapi.json", "--ruleset", "contracts/.spectral.yaml", "--format", "json", "--quiet" },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        var text = await stdout;
        Assert.True(text.TrimStart().StartsWith('['), $"Spectral gave no JSON report (exit {process.ExitCode}): {text} {await stderr}");
        var findings = JsonSerializer.Deserialize<JsonElement>(text).EnumerateArray()
            .Select(f => (Severity: f.GetProperty("severity").GetInt32(), Code: f.GetProperty("code").GetString(),
                At: string.Join('.', f.GetProperty("path").EnumerateArray().Select(p => p.ToString())), Message: f.GetProperty("message").GetString()))
            .ToList();
        foreach (var finding in findings)
        {
            output.WriteLine($"{(finding.Severity == 0 ? "error" : "warning")} {finding.Code} at {finding.At}: {finding.Message}");
        }

        var errors = findings.Where(f => f.Severity == 0).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"{e.Code} at {e.At}: {e.Message}")));
    }
}
