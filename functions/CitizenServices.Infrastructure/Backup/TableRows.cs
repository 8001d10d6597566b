using System.Text.Json.Nodes;

namespace CitizenServices.Infrastructure.Backup;

/// <summary>
/// One table row as one line of JSON, with every property's EDM type kept (Int32 and Int64 look alike in JSON, and the
/// access log's hashes depend on exact values): <c>{"pk":…,"rk":…,"p":{"Name":["Int64","42"],…}}</c>.
/// </summary>
internal static class TableRows
{
    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    public static string ToLine(TableEntity row)
    {
        var properties = new JsonObject();
        foreach (var (name, value) in row.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (SystemProperties.Contains(name) || value is null)
            {
                continue;
            }

            var (type, text) = value switch
            {
                string s => ("String", s),
                int i => ("Int32", i.ToString(CultureInfo.InvariantCulture)),
                long l => ("Int64", l.ToString(CultureInfo.InvariantCulture)),
                double d => ("Double", d.ToString("R", CultureInfo.InvariantCulture)),
                bool b => ("Boolean", b ? "true" : "false"),
                DateTimeOffset t => ("DateTime", t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
                DateTime t => ("DateTime", t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
                Guid g => ("Guid", g.ToString("D")),
                byte[] bytes => ("Binary", Convert.ToBase64String(bytes)),
                BinaryData data => ("Binary", Convert.ToBase64String(data.ToArray())),
                _ => throw new NotSupportedException($"Property {name} of a row in partition-key order has type {value.GetType().Name}, which the export does not know."),
            };
            properties[name] = new JsonArray(type, text);
        }

        return new JsonObject { ["pk"] = row.PartitionKey, ["rk"] = row.RowKey, ["p"] = properties }.ToJsonString();
    }

    public static TableEntity FromLine(string line)
    {
        var json = JsonNode.Parse(line)?.AsObject() ?? throw new JsonException("An empty line.");
        var row = new TableEntity((string)json["pk"]!, (string)json["rk"]!);
        foreach (var (name, node) in json["p"]!.AsObject())
        {
            var type = (string)node![0]!;
            var text = (string)node[1]!;
            row[name] = type switch
            {
                "String" => text,
                "Int32" => int.Parse(text, CultureInfo.InvariantCulture),
                "Int64" => long.Parse(text, CultureInfo.InvariantCulture),
                "Double" => double.Parse(text, CultureInfo.InvariantCulture),
                "Boolean" => text == "true",
                "DateTime" => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                "Guid" => Guid.Parse(text),
                "Binary" => Convert.FromBase64String(text),
                _ => throw new JsonException($"Unknown property type '{type}'."),
            };
        }

        return row;
    }
}
