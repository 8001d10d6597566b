namespace CitizenServices.Infrastructure.Consent;

/// <summary>Configuration section <c>ConsentDefinitions</c>.</summary>
public sealed class ConsentCatalogOptions() : SeedFileOptions("seed/consent-definitions.json")
{
    public const string SectionName = "ConsentDefinitions";
}

public sealed class InvalidConsentCatalogException(string source, IReadOnlyList<string> problems)
    : Exception($"The consent catalog {source} is not valid: {string.Join(" ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// The consent definitions as committed data (<c>functions/seed/consent-definitions.json</c>): each version carries its
/// text, whose SHA-256 over the UTF-8 bytes becomes the document's name. Validated as a whole at start-up.
/// </summary>
public sealed partial class SeedFileConsentCatalog : IConsentCatalog
{
    public const string TextContentType = "text/markdown; charset=utf-8";

    private readonly Dictionary<string, ConsentDefinition> _byId;
    private readonly Dictionary<string, byte[]> _texts;

    private SeedFileConsentCatalog(IReadOnlyList<ConsentDefinition> definitions, Dictionary<string, byte[]> texts)
    {
        Definitions = definitions;
        _byId = definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        _texts = texts;
    }

    public IReadOnlyList<ConsentDefinition> Definitions { get; }

    public ConsentDefinition? Find(string definitionId) => _byId.GetValueOrDefault(definitionId);

    /// <summary>The text of a version as published in the catalog (the document to store), by its hash.</summary>
    public byte[]? TextOf(string sha256) => _texts.GetValueOrDefault(sha256);

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static SeedFileConsentCatalog Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException exception)
        {
            throw new InvalidConsentCatalogException(path, [$"cannot be read: {exception.Message}"]);
        }

        return Parse(json, path);
    }

    public static SeedFileConsentCatalog Parse(string json, string source)
    {
        CatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, CatalogJson.Default.CatalogDocument);
        }
        catch (JsonException exception)
        {
            throw new InvalidConsentCatalogException(source, [$"not readable: {exception.Message}"]);
        }

        if (document?.Definitions is not { Count: > 0 } entries)
        {
            throw new InvalidConsentCatalogException(source, ["'definitions' is missing or empty."]);
        }

        var problems = new List<string>();
        var definitions = new List<ConsentDefinition>();
        var texts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (entry, index) in entries.Select((e, i) => (e, i)))
        {
            var at = $"definitions[{index}]";
            if (entry.Id is null || !DefinitionId().IsMatch(entry.Id))
            {
                problems.Add($"{at}.id must be 2-63 lowercase letters, digits and hyphens.");
            }
            else if (definitions.Any(d => d.Id == entry.Id))
            {
                problems.Add($"{at}.id '{entry.Id}' is used twice.");
            }

            if (!ConsentKinds.TryParse(entry.Kind, out var kind))
            {
                problems.Add($"{at}.kind must be consent, reservation or restriction.");
            }

            foreach (var (name, value) in new[] { ("title", entry.Title), ("purpose", entry.Purpose), ("owner", entry.Owner) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{at}.{name} is required.");
                }
            }

            if (entry.MinimumAge is < 0 or > 120)
            {
                problems.Add($"{at}.minimumAge must be 0-120.");
            }

            var versions = new List<ConsentDefinitionVersion>();
            foreach (var (version, v) in (entry.Versions ?? []).Select((x, i) => (x, i)))
            {
                var vat = $"{at}.versions[{v}]";
                if (!ConsentVersion.TryParse(version.Version, out var parsed))
                {
                    problems.Add($"{vat}.version must be major.minor, major 1 or more.");
                    continue;
                }

                if (versions.Count > 0 && parsed <= versions[^1].Version)
                {
                    problems.Add($"{vat}.version {parsed} must be after {versions[^1].Version}: list versions oldest first.");
                }

                if (!DateOnly.TryParseExact(version.Published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
                {
                    problems.Add($"{vat}.published must be a date (yyyy-MM-dd).");
                }

                if (string.IsNullOrWhiteSpace(version.Text))
                {
                    problems.Add($"{vat}.text is required.");
                    continue;
                }

                var content = Encoding.UTF8.GetBytes(version.Text);
                var sha = Sha256(content);
                texts[sha] = content;
                versions.Add(new ConsentDefinitionVersion(parsed, published, sha));
            }

            if (versions.Count == 0)
            {
                problems.Add($"{at}.versions must list at least one version.");
            }
            else if (entry.Id is not null)
            {
                definitions.Add(new ConsentDefinition(
                    entry.Id, kind, entry.Title ?? string.Empty, entry.Purpose ?? string.Empty, entry.Owner ?? string.Empty, entry.MinimumAge, versions));
            }
        }

        return problems.Count > 0 ? throw new InvalidConsentCatalogException(source, problems) : new SeedFileConsentCatalog(definitions, texts);
    }

    /// <summary>Usable as a table key and in a URL path without escaping.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$", RegexOptions.CultureInvariant)]
    public static partial Regex DefinitionId();

    // Generated at compile time: the catalog is read at start-up, where reflection-based metadata costs cold-start time.
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
    [JsonSerializable(typeof(CatalogDocument))]
    private sealed partial class CatalogJson : JsonSerializerContext;

    private sealed record CatalogDocument(string? Description, IReadOnlyList<DefinitionEntry>? Definitions);

    private sealed record DefinitionEntry(
        string? Id, string? Kind, string? Title, string? Purpose, string? Owner, int MinimumAge, IReadOnlyList<VersionEntry>? Versions);

    private sealed record VersionEntry(string? Version, string? Published, string? Text);
}
