using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CitizenServices.Functions.Requests;
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

/// <summary>The body of <c>POST /api/v1/care-relations</c>: version 1 of a relation, its full state.</summary>
/// <param name="Child">The child's national identity number.</param>
/// <param name="DecisionReference">The child welfare service's decision (vedtak) reference.</param>
/// <param name="Municipality">Optional: the municipality whose child welfare service is responsible, which the token already names; when given it must be the caller's own.</param>
/// <param name="FosterParents">One or two foster parents; leave out for an institution.</param>
/// <param name="Institution">The institution the child is placed in, instead of foster parents.</param>
/// <param name="ValidFrom">First day (inclusive, Europe/Oslo).</param>
/// <param name="ValidTo">Last day (inclusive, Europe/Oslo); left out until further notice.</param>
/// <param name="DelegatedScopes">What the decision delegates to the foster parents; never consents, representation or access-log.</param>
/// <param name="ParentsKeepDigitalAccess">Required for a care order and an emergency placement; a voluntary placement keeps it unless false.</param>
public sealed record RegisterCareRelationBody(
    [property: Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage, CheckedByDomain = true)] string Child,
    [property: TextLength(1, CareRelationCommandReader.MaxDecisionReferenceLength, CheckedByDomain = true), FreeText(CheckedByDomain = true)] string DecisionReference,
    [property: Vocabulary(Vocabulary.LegalBasis, CheckedByDomain = true)] string LegalBasis,
    DateOnly ValidFrom,
    [property: ItemCount(1, 5, CheckedByDomain = true), Vocabulary(Vocabulary.DelegatedScope, CheckedByDomain = true)] IReadOnlyList<string> DelegatedScopes,
    [property: ItemCount(0, 2, CheckedByDomain = true), Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage, CheckedByDomain = true)]
    IReadOnlyList<string>? FosterParents = null,
    CareInstitutionBody? Institution = null,
    DateOnly? ValidTo = null,
    bool? ParentsKeepDigitalAccess = null,
    [property: Format(RequestPatterns.Municipality, RequestPatterns.MunicipalityMessage, CheckedByDomain = true)] string? Municipality = null) : IRequestBody;

/// <summary>The body of <c>PUT /api/v1/care-relations/{id}</c>: the next version, the relation's full state after the change.</summary>
/// <param name="Version">The version this change creates: the current version + 1.</param>
public sealed record ChangeCareRelationBody(
    [property: Between(2, 100_000, CheckedByDomain = true)] int Version,
    [property: TextLength(1, CareRelationCommandReader.MaxDecisionReferenceLength, CheckedByDomain = true), FreeText(CheckedByDomain = true)] string DecisionReference,
    [property: Vocabulary(Vocabulary.LegalBasis, CheckedByDomain = true)] string LegalBasis,
    DateOnly ValidFrom,
    [property: ItemCount(1, 5, CheckedByDomain = true), Vocabulary(Vocabulary.DelegatedScope, CheckedByDomain = true)] IReadOnlyList<string> DelegatedScopes,
    [property: ItemCount(0, 2, CheckedByDomain = true), Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage, CheckedByDomain = true)]
    IReadOnlyList<string>? FosterParents = null,
    CareInstitutionBody? Institution = null,
    DateOnly? ValidTo = null,
    bool? ParentsKeepDigitalAccess = null,
    [property: Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage, CheckedByDomain = true)] string? Child = null,
    [property: Format(RequestPatterns.Municipality, RequestPatterns.MunicipalityMessage, CheckedByDomain = true)] string? Municipality = null)
    : IRequestBody;

/// <summary>The body of <c>POST /api/v1/care-relations/{id}/end</c>: the relation's last day and why, as a new version.</summary>
/// <param name="Version">The version this ending creates: the current version + 1.</param>
public sealed record EndCareRelationBody(
    [property: Between(2, 100_000, CheckedByDomain = true)] int Version,
    [property: TextLength(1, CareRelationCommandReader.MaxDecisionReferenceLength, CheckedByDomain = true), FreeText(CheckedByDomain = true)] string DecisionReference,
    DateOnly EndDate,
    [property: TextLength(1, CareRelationCommandReader.MaxReasonLength, CheckedByDomain = true), FreeText(multiline: true, CheckedByDomain = true)] string Reason,
    [property: Format(RequestPatterns.Municipality, RequestPatterns.MunicipalityMessage, CheckedByDomain = true)] string? Municipality = null)
    : IRequestBody;

/// <summary>An institution (barneverninstitusjon) by its organisation number.</summary>
public sealed record CareInstitutionBody(
    [property: Format("^[0-9]{9}$", "A 9-digit organisation number.", CheckedByDomain = true)] string OrganizationNumber,
    [property: TextLength(1, CareRelationCommandReader.MaxInstitutionNameLength, CheckedByDomain = true), FreeText(CheckedByDomain = true)] string Name)
    : IRequestPart;
