namespace CitizenServices.Functions.Authentication.HelseId;

/// <summary>
/// A sector system as its validated HelseID token describes it: the organisation (legal entity and, where the client acts
/// for one, the sub-unit), the health personnel for user-bound tokens, the client and its scopes.
/// </summary>
public sealed record SectorCaller(
    OrganisationNumber LegalEntity, OrganisationNumber? SubUnit, HprNumber? HealthPersonnel, string ClientId, IReadOnlySet<string> Scopes)
{
    /// <summary>The access-log actor: the organisation, or the health personnel through it.</summary>
    public AccessLogActor Actor => AccessLogActor.Organisation(new AccessLogOrganisation(LegalEntity, SubUnit, HealthPersonnel));

    /// <summary>True when <paramref name="user"/> was authenticated by the HelseID scheme.</summary>
    public static bool IsHelseIdUser(ClaimsPrincipal user) =>
        user?.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == SectorSchemes.HelseId) == true;

    /// <summary>Reads the caller from a HelseID principal; the problem says which claim is missing or malformed.</summary>
    public static SectorCaller? From(ClaimsPrincipal user, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(user);
        problem = null;
        if (!OrganisationNumber.TryParse(Single(user, HelseIdClaims.OrganisationNumberParent), out var legalEntity))
        {
            problem = $"The token names no organisation: {HelseIdClaims.OrganisationNumberParent} must be one valid organisation number.";
            return null;
        }

        OrganisationNumber? subUnit = null;
        if (user.HasClaim(c => c.Type == HelseIdClaims.OrganisationNumberChild))
        {
            if (!OrganisationNumber.TryParse(Single(user, HelseIdClaims.OrganisationNumberChild), out var child) || child == legalEntity)
            {
                problem = $"{HelseIdClaims.OrganisationNumberChild} must be one valid organisation number of a sub-unit.";
                return null;
            }

            subUnit = child;
        }

        HprNumber? hpr = null;
        if (user.HasClaim(c => c.Type == HelseIdClaims.HprNumber))
        {
            if (!HprNumber.TryParse(Single(user, HelseIdClaims.HprNumber), out var parsed))
            {
                problem = $"{HelseIdClaims.HprNumber} must be one valid HPR number.";
                return null;
            }

            hpr = parsed;
        }

        if (Single(user, HelseIdClaims.ClientId) is not { Length: > 0 and <= 128 } clientId || clientId.Any(char.IsControl))
        {
            problem = $"The token names no client ({HelseIdClaims.ClientId}).";
            return null;
        }

        // RFC 9068 writes scope as one space-separated string; HelseID (like other Duende-based servers) as an array.
        var scopes = user.FindAll(HelseIdClaims.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return new SectorCaller(legalEntity, subUnit, hpr, clientId, scopes);
    }

    // A claim given twice is ambiguous about who is calling: treat it as absent.
    private static string? Single(ClaimsPrincipal user, string type)
    {
        var values = user.FindAll(type).Take(2).ToList();
        return values.Count == 1 ? values[0].Value : null;
    }
}
