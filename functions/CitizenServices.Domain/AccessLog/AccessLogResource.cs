namespace CitizenServices.Domain.AccessLog;

/// <summary>
/// What was accessed: the route template (e.g. <c>/api/v1/persons/{subject}/appointments/{appointmentId}</c>) and the
/// values of its ids. Never the raw URL: a query string can carry search terms or tokens that do not belong in a log
/// kept for five years, so templates with '?' or '#' are refused.
/// </summary>
public sealed record AccessLogResource
{
    public const int MaxTemplateLength = 512;
    public const int MaxIds = 16;
    public const int MaxIdNameLength = 64;
    public const int MaxIdValueLength = 256;

    private static readonly IReadOnlyDictionary<string, string> NoIds = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public AccessLogResource(string template, IEnumerable<KeyValuePair<string, string>>? ids = null)
    {
        AccessLogText.Required(template, nameof(template), MaxTemplateLength);
        if (template[0] != '/' || template.Contains('?', StringComparison.Ordinal) || template.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "A resource is a path template starting with '/', without query string or fragment.", nameof(template));
        }

        // Sorted by ordinal name so that enumeration order, equality and the hash never depend on insertion order.
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in ids ?? [])
        {
            AccessLogText.Required(name, nameof(ids), MaxIdNameLength);
            if (!char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                // Names are not echoed in messages: an invalid one could be anything, an identity number included.
                throw new ArgumentException("An id name must be letters, digits and '_', starting with a letter.", nameof(ids));
            }

            if (!sorted.TryAdd(name, AccessLogText.Required(value, nameof(ids), MaxIdValueLength)))
            {
                throw new ArgumentException("An id name is given twice.", nameof(ids));
            }
        }

        if (sorted.Count > MaxIds)
        {
            throw new ArgumentException($"At most {MaxIds} ids are allowed; {sorted.Count} were given.", nameof(ids));
        }

        Template = template;
        Ids = sorted.Count == 0 ? NoIds : sorted;
    }

    public string Template { get; }

    /// <summary>The ids, in ordinal order of their names.</summary>
    public IReadOnlyDictionary<string, string> Ids { get; }

    public bool Equals(AccessLogResource? other) =>
        other is not null
        && string.Equals(Template, other.Template, StringComparison.Ordinal)
        && Ids.Count == other.Ids.Count
        && Ids.SequenceEqual(other.Ids);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Template, StringComparer.Ordinal);
        foreach (var (name, value) in Ids)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The template and ids, with any national identity number among the ids masked.</summary>
    public override string ToString() =>
        NationalIdentityNumberRedaction.Redact(
            Ids.Count == 0 ? Template : $"{Template} {{{string.Join(", ", Ids.Select(id => $"{id.Key}={id.Value}"))}}}");
}
