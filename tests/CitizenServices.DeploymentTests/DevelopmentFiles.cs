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
            else if (segments[..^1].Contains("dev", StringComparer.OrdinalIgnoreCase))
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
