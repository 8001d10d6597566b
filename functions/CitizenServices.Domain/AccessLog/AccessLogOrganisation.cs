namespace CitizenServices.Domain.AccessLog;

/// <summary>
/// Who in the health sector accessed a person's data: the organisation's legal entity, the sub-unit the system acted for
/// (where there is one), and the health personnel (HPR number) when the token was bound to a user.
/// </summary>
/// <remarks>
/// Stored as the actor id in one canonical text, <c>[{hpr}@]{legal entity}[/{sub-unit}]</c>, so entries written before
/// sector systems existed hash exactly as they did (no new entry format) and the id still reads on its own.
/// </remarks>
public sealed record AccessLogOrganisation(OrganisationNumber LegalEntity, OrganisationNumber? SubUnit, HprNumber? HealthPersonnel)
{
    public string ToId() =>
        (HealthPersonnel is { } hpr ? hpr.Value + "@" : string.Empty) + LegalEntity.Value + (SubUnit is { } sub ? "/" + sub.Value : string.Empty);

    public static bool TryParse(string? id, [NotNullWhen(true)] out AccessLogOrganisation? organisation)
    {
        organisation = null;
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        HprNumber? hpr = null;
        var rest = id;
        var at = id.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!HprNumber.TryParse(id[..at], out var parsedHpr))
            {
                return false;
            }

            hpr = parsedHpr;
            rest = id[(at + 1)..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var legalText = slash >= 0 ? rest[..slash] : rest;
        if (!OrganisationNumber.TryParse(legalText, out var legal))
        {
            return false;
        }

        OrganisationNumber? subUnit = null;
        if (slash >= 0)
        {
            if (!OrganisationNumber.TryParse(rest[(slash + 1)..], out var parsedSub) || parsedSub == legal)
            {
                return false;
            }

            subUnit = parsedSub;
        }

        organisation = new AccessLogOrganisation(legal, subUnit, hpr);
        // Only the canonical text is an id: no second spelling of the same actor can hash differently.
        return string.Equals(organisation.ToId(), id, StringComparison.Ordinal);
    }
}
