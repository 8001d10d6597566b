namespace CitizenServices.Functions.Authentication;

/// <summary>Why a token was refused, in words for the caller, for every scheme alike (never the library's message).</summary>
internal static class TokenFailures
{
    public const string NotValid = "The token is not valid.";

    /// <summary>The reason for a failure of the token's own validation; null for a failure of another kind.</summary>
    public static string? Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not yet valid.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted.",
        SecurityTokenInvalidAudienceException => "The token is not meant for this service.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        _ => null,
    };
}
