using System.Security.Cryptography;

namespace CitizenServices.Functions.Authentication;

/// <summary>Reads PEM public (or private) keys into the asymmetric security keys token validation accepts.</summary>
public static class SigningKeys
{
    public static SecurityKey FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        if (pem.Contains("EC ", StringComparison.Ordinal) || IsEc(pem))
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec) { KeyId = KeyId(ec.ExportSubjectPublicKeyInfo()) };
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa) { KeyId = KeyId(rsa.ExportSubjectPublicKeyInfo()) };
    }

    /// <summary>A stable id from the public key, so the same key is recognised however it was written.</summary>
    public static string KeyId(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];

    public static string KeyId(SecurityKey key) => key switch
    {
        RsaSecurityKey { Rsa: { } rsa } => KeyId(rsa.ExportSubjectPublicKeyInfo()),
        ECDsaSecurityKey { ECDsa: { } ec } => KeyId(ec.ExportSubjectPublicKeyInfo()),
        _ => key.KeyId ?? string.Empty,
    };

    private static bool IsEc(string pem)
    {
        try
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
