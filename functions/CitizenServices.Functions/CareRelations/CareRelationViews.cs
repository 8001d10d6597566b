using System.Globalization;
using CitizenServices.Domain.CareRelations;

namespace CitizenServices.Functions.CareRelations;

/// <summary>A care relation as the caseworker API shows it: the current version and every version before it.</summary>
public sealed record CareRelationView(Guid Id, string Child, string Status, CareRelationVersionView Current, IReadOnlyList<CareRelationVersionView> History)
{
    public static CareRelationView From(CareRelation relation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(relation);
        var status = relation.Ended ? "ended"
            : relation.AppliesAt(now) ? "active"
            : relation.ValidFromInstant > now ? "pending" : "expired";
        return new(relation.Id, relation.Child.Value, status, CareRelationVersionView.From(relation.Current),
            relation.History.Select(CareRelationVersionView.From).ToList());
    }
}

/// <param name="ValidTo">The last day (Europe/Oslo, inclusive); null until further notice.</param>
/// <param name="ChangedBy">The caseworker's object id, or <c>case-system</c>.</param>
public sealed record CareRelationVersionView(
    int Version,
    string Change,
    string LegalBasis,
    IReadOnlyList<string> FosterParents,
    CareInstitution? Institution,
    string Municipality,
    string ValidFrom,
    string? ValidTo,
    IReadOnlyList<string> DelegatedScopes,
    bool ParentsKeepDigitalAccess,
    string DecisionReference,
    string ChangedBy,
    string Channel,
    DateTimeOffset ChangedAt,
    string? EndReason)
{
    public static CareRelationVersionView From(CareRelationVersion v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(
            v.Version,
            v.Change.ToString().ToLowerInvariant(),
            v.LegalBasis.Name(),
            v.FosterParents.Select(p => p.Value).ToList(),
            v.Institution,
            v.Municipality,
            Date(v.ValidFrom),
            v.ValidTo is { } to ? Date(to) : null,
            v.DelegatedScopes.Select(s => s.Value).ToList(),
            v.ParentsKeepDigitalAccess,
            v.DecisionReference,
            v.ChangedBy,
            v.Channel,
            v.ChangedAt,
            v.EndReason);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record CareRelationListView(IReadOnlyList<CareRelationView> Relations);
