using CitizenServices.Domain.Fullmakt;

namespace CitizenServices.Functions.Requests;

/// <summary>The closed vocabularies of the API, each read from the domain that owns its names.</summary>
public enum Vocabulary
{
    ScheduleKind,
    SlotChannel,
    ServiceArea,
    ConsentChoice,
    LegalBasis,
    DelegatedScope,
    Weekday,
}

/// <summary>
/// The value (or, for an array, every element) is one of a closed vocabulary. The names come from the domain, so the
/// contract's <c>enum</c> (see <see cref="OpenApi.RequestSchemaTransformer"/>), this check and the domain's own parsing
/// cannot disagree.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class VocabularyAttribute(Vocabulary vocabulary) : RequestRuleAttribute
{
    public Vocabulary Vocabulary { get; } = vocabulary;

    public IReadOnlyList<string> Values => Vocabularies.Of(Vocabulary);

    protected override bool Check(object value) => value switch
    {
        string text => Values.Contains(text, StringComparer.Ordinal),
        IEnumerable items => items.Cast<object?>().All(i => i is null || (i is string s && Values.Contains(s, StringComparer.Ordinal))),
        _ => false,
    };
}

public static class Vocabularies
{
    private static readonly Dictionary<Vocabulary, IReadOnlyList<string>> Names = new()
    {
        [Vocabulary.ScheduleKind] = Enum.GetValues<ScheduleKind>().Select(k => k.Name()).ToList(),
        [Vocabulary.SlotChannel] = Enum.GetValues<SlotChannel>().Select(c => c.Name()).ToList(),
        [Vocabulary.ServiceArea] = ServiceAreaCatalog.All.Select(a => a.Value).ToList(),
        [Vocabulary.ConsentChoice] = Enum.GetValues<ConsentChoice>().Select(c => c.Name()).ToList(),
        [Vocabulary.LegalBasis] = CareRelationCommandReader.LegalBases.Keys.ToList(),
        [Vocabulary.DelegatedScope] = CareRelationScopes.Delegable.Select(s => s.Value).ToList(),
        [Vocabulary.Weekday] = Enum.GetValues<DayOfWeek>().OrderBy(d => ((int)d + 6) % 7).Select(NettlegePilotRules.DayName).ToList(),
    };

    public static IReadOnlyList<string> Of(Vocabulary vocabulary) => Names[vocabulary];
}
