namespace CitizenServices.Functions.Authentication;

/// <summary>A signed, unexpired token whose shape breaks a rule of <see cref="TokenShape"/>; the message is the 401's detail.</summary>
public sealed class TokenShapeException : SecurityTokenValidationException
{
    public TokenShapeException()
    {
    }

    public TokenShapeException(string message)
        : base(message)
    {
    }

    public TokenShapeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Rules on a token that signature, issuer, audience and expiry validation leave open (docs/identity.md, "Token shape"):
/// <list type="bullet">
/// <item>A claim the service reads as one value (<c>pid</c>, <c>acr</c>, the municipality claim) is a single JSON string,
/// never an array: reading the first of several values would make the decision depend on the order the issuer wrote
/// them in (<c>[substantial, high]</c> refused, <c>[high, substantial]</c> accepted).</item>
/// <item>The token lives at most the configured maximum, counted from <c>iat</c> and from <c>nbf</c> to <c>exp</c>: a
/// token minted to live for years is a stolen signing key's or a misconfigured issuer's, not a login's.</item>
/// </list>
/// </summary>
public static class TokenShape
{
    /// <summary>The rule <paramref name="token"/> breaks, or null; give it to the bearer handler's <c>context.Fail</c>.</summary>
    public static TokenShapeException? Check(SecurityToken? token, IEnumerable<string> singleValuedClaims, TimeSpan maxLifetime)
    {
        ArgumentNullException.ThrowIfNull(singleValuedClaims);
        if (token is not JsonWebToken jwt)
        {
            return new TokenShapeException("The token is not a JSON web token.");
        }

        var single = singleValuedClaims.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using (var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload)))
        {
            foreach (var claim in payload.RootElement.EnumerateObject())
            {
                if (single.Contains(claim.Name) && (claim.Value.ValueKind != JsonValueKind.String || !seen.Add(claim.Name)))
                {
                    return new TokenShapeException($"The token's {claim.Name} claim must be a single string.");
                }
            }
        }

        // JsonWebToken reports an absent time claim as DateTime.MinValue.
        var issuedAt = jwt.IssuedAt == DateTime.MinValue ? (DateTime?)null : jwt.IssuedAt;
        var notBefore = jwt.ValidFrom == DateTime.MinValue ? (DateTime?)null : jwt.ValidFrom;
        if (issuedAt is null && notBefore is null)
        {
            return new TokenShapeException("The token must say when it was issued (iat) or when it becomes valid (nbf).");
        }

        foreach (var start in new[] { issuedAt, notBefore })
        {
            if (start is { } from && jwt.ValidTo - from > maxLifetime)
            {
                return new TokenShapeException(
                    $"The token lives longer than the {maxLifetime.TotalMinutes:0} minutes this service accepts.");
            }
        }

        return null;
    }
}
