using System.IO.Compression;
using System.Text;

namespace CitizenServices.DeploymentTests;

/// <summary>
/// What must never be in the deployable package: files that exist only for local development (the committed development
/// signing key, appsettings.Development.json, local.settings.json) and any private key at all, whatever its name.
/// </summary>
internal static class DevelopmentFiles
{
    private static readonly string[] ForbiddenNames =
        ["appsettings.Development.json", "local.settings.json", "CitizenServices.DevTokens.dll"];

    private static readonly string[] ForbiddenExtensions = [".pem", ".key", ".pfx", ".p12"];

    // PEM armour of any private key (PKCS#8, RSA, EC, encrypted).
    private static readonly byte[] PrivateKeyMarker = Encoding.ASCII.GetBytes("PRIVATE KEY-----");

    /// <summary>Every offending entry with the reason; empty for a clean package.</summary>
    public static IReadOnlyList<string> In(ZipArchive zip)
    {
        var found = new List<string>();
        foreach (var entry in zip.Entries)
        {
            var name = entry.Name;
            var segments = entry.FullName.Split('/');
            if (ForbiddenNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                found.Add($"{entry.FullName}: development file");
            }
            else if (ForbiddenExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add($"{entry.FullName}: key file");
            }
            else if (segments.Take(segments.Length - 1).Contains("dev", StringComparer.OrdinalIgnoreCase))
            {
                found.Add($"{entry.FullName}: in a dev/ folder");
            }
            else if (ContainsPrivateKey(entry))
            {
                found.Add($"{entry.FullName}: contains a PEM private key");
            }
        }

        return found;
    }

    private static bool ContainsPrivateKey(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(PrivateKeyMarker) >= 0;
    }
}

/// <summary>The detector <see cref="PackageTests.Package_HoldsNothingForDevelopment"/> relies on, on a deliberately dirty zip.</summary>
public sealed class DevelopmentFilesTests
{
    [Fact]
    public void DevelopmentFiles_InAPackageThatHoldsThem_AreEachReported()
    {
        // The check above is only as good as its detector: shown here to catch each kind of file it looks for.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "handler/appsettings.json", "{}");
            Write(zip, "handler/appsettings.Development.json", "{}");
            Write(zip, "handler/dev/development-signing-key.pem", "-----BEGIN PRIVATE KEY-----");
            Write(zip, "handler/dev/notes.txt", "local only");
            Write(zip, "handler/seed/keys.json", "{\"k\": \"-----BEGIN EC PRIVATE KEY-----\"}");
            Write(zip, "Health/local.settings.json", "{}");
        }

        buffer.Position = 0;
        using var dirty = new ZipArchive(buffer, ZipArchiveMode.Read);

        Assert.Equal(
        [
            "handler/appsettings.Development.json: development file",
            "handler/dev/development-signing-key.pem: key file",
            "handler/dev/notes.txt: in a dev/ folder",
            "handler/seed/keys.json: contains a PEM private key",
            "Health/local.settings.json: development file",
        ], DevelopmentFiles.In(dirty));
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(content);
    }
}
