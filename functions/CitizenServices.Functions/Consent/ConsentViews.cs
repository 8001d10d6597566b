using CitizenServices.Application.Consent;
using CitizenServices.Application.Consent.Read;

namespace CitizenServices.Functions.Consent;

public sealed record ConsentDefinitionView(
    string Id, string Kind, string Title, string Purpose, string Owner, int MinimumAge, IReadOnlyList<string> Decisions,
    string CurrentVersion, IReadOnlyList<ConsentDefinitionVersionView> Versions)
{
    public static ConsentDefinitionView From(ConsentDefinition d)
    {
        var (inForce, notInForce) = ConsentChoices.For(d.Kind);
        return new(d.Id, d.Kind.Name(), d.Title, d.Purpose, d.Owner, d.MinimumAge, [inForce.Name(), notInForce.Name()],
            d.Current.Version.ToString(), d.Versions.Select(v => ConsentDefinitionVersionView.From(d, v)).ToList());
    }
}

/// <param name="TextUrl">Where the text is served; its bytes hash to <paramref name="TextSha256"/>.</param>
public sealed record ConsentDefinitionVersionView(string Version, DateOnly Published, string TextSha256, string TextUrl)
{
    public static ConsentDefinitionVersionView From(ConsentDefinition d, ConsentDefinitionVersion v) =>
        new(v.Version.ToString(), v.Published, v.TextSha256, $"/api/v1/consent-definitions/{d.Id}/versions/{v.Version}/text");
}

public sealed record ConsentDefinitionsView(IReadOnlyList<ConsentDefinitionView> Definitions);

/// <summary>A decision as the person (or their parent) sees it: who decided is shown as self or parent with a masked number.</summary>
public sealed record ConsentDecisionView(
    string Decision, string Version, string TextSha256, DateTimeOffset DecidedAt, DateOnly? ValidTo, string DecidedAs,
    string DecidedBy, string? RelationId, long Sequence)
{
    public static ConsentDecisionView From(ConsentDecision d) => new(
        d.Choice.Name(), d.Version.ToString(), d.TextSha256, d.DecidedAt, d.ValidTo, d.Basis.Value, d.DecidedBy.Masked,
        d.Basis == Domain.Authorization.BasisKind.Self ? null : d.RelationId, d.Sequence);
}

/// <param name="Status">active, inactive, expired or stale; null when the person has not decided.</param>
public sealed record ConsentStateView(
    string DefinitionId, string Kind, string Title, string CurrentVersion, string? Status, ConsentDecisionView? Decision)
{
    public static ConsentStateView From(ConsentState s) => new(
        s.Definition.Id, s.Definition.Kind.Name(), s.Definition.Title, s.Definition.Current.Version.ToString(), s.Status?.Name(),
        s.Decision is null ? null : ConsentDecisionView.From(s.Decision));
}

public sealed record ConsentListView(IReadOnlyList<ConsentStateView> Consents);

public sealed record ConsentHistoryView(string DefinitionId, IReadOnlyList<ConsentDecisionView> History);

/// <summary>The body of <c>PUT .../consents/{definitionId}</c>.</summary>
/// <param name="Decision"><c>given</c> or <c>withdrawn</c> (consents, restrictions), <c>reserved</c> or <c>lifted</c> (reservations).</param>
/// <param name="Version">The version of the text the person saw, as major.minor.</param>
/// <param name="ValidTo">The last day the decision applies (Europe/Oslo); left out, until further notice.</param>
public sealed record DecideConsentBody(
    [property: Vocabulary(Vocabulary.ConsentChoice)] string Decision,
    [property: RegularExpression(@"^[0-9]{1,3}\.[0-9]{1,3}$", ErrorMessage = "A version as major.minor, e.g. 1.0.")] string Version,
    DateOnly? ValidTo = null) : IRequestBody;

/// <summary>The sector's view of one person's decision: what it says and whether it is in force now; never who decided.</summary>
public sealed record RegistryDecisionView(
    string DefinitionId, string Kind, string Person, bool Active, string? Status, string? Decision, string? Version,
    DateTimeOffset? DecidedAt, DateOnly? ValidTo, string CurrentVersion)
{
    public static RegistryDecisionView From(ConsentState s, string person) => new(
        s.Definition.Id, s.Definition.Kind.Name(), person, s.Status == ConsentStatus.Active, s.Status?.Name(), s.Decision?.Choice.Name(),
        s.Decision?.Version.ToString(), s.Decision?.DecidedAt, s.Decision?.ValidTo, s.Definition.Current.Version.ToString());
}

public sealed record RegistryPersonView(string NationalIdentityNumber, string Decision, string Version, DateTimeOffset DecidedAt, DateOnly? ValidTo)
{
    public static RegistryPersonView From(ActivePerson p) =>
        new(p.Person.Value, p.Choice.Name(), p.Version.ToString(), p.DecidedAt, p.ValidTo);
}

/// <param name="ContinuationToken">Null on the last page; otherwise pass it back unchanged for the next page.</param>
public sealed record RegistryPersonsPageView(string DefinitionId, IReadOnlyList<RegistryPersonView> Persons, string? ContinuationToken);
