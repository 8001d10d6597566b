using Microsoft.OpenApi;

namespace CitizenServices.Functions.OpenApi;

/// <summary>
/// An example value built from a schema, for operations that declare none: enough for a reader (and a mock server) to
/// see the shape. Property names that carry domain values get plausible synthetic ones.
/// </summary>
internal static class SchemaExample
{
    private const int MaxDepth = 8;

    public static JsonNode? For(IOpenApiSchema? schema) => Build(schema, null, 0);

    private static JsonNode? Build(IOpenApiSchema? schema, string? name, int depth)
    {
        if (schema is null || depth > MaxDepth)
        {
            return null;
        }

        if (schema.Examples is { Count: > 0 } examples)
        {
            return examples[0]?.DeepClone();
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            return values[0]?.DeepClone();
        }

        var alternatives = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? [])
            .Where(s => s.Type is null || s.Type != JsonSchemaType.Null).ToList();
        if (alternatives.Count > 0 && schema.Properties is not { Count: > 0 })
        {
            return Build(alternatives[0], name, depth + 1);
        }

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : (JsonSchemaType?)null);
        if (type is null)
        {
            return null;
        }

        if (type.Value.HasFlag(JsonSchemaType.Object))
        {
            var result = new JsonObject();
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                result[property] = Build(propertySchema, property, depth + 1);
            }

            return result;
        }

        if (type.Value.HasFlag(JsonSchemaType.Array))
        {
            var item = Build(schema.Items, name, depth + 1);
            return item is null ? new JsonArray() : new JsonArray(item);
        }

        if (type.Value.HasFlag(JsonSchemaType.String))
        {
            return JsonValue.Create(ForString(schema.Format, name));
        }

        if (type.Value.HasFlag(JsonSchemaType.Integer))
        {
            return JsonValue.Create(1);
        }

        if (type.Value.HasFlag(JsonSchemaType.Number))
        {
            return JsonValue.Create(1.5);
        }

        return type.Value.HasFlag(JsonSchemaType.Boolean) ? JsonValue.Create(true) : null;
    }

    private static string ForString(string? format, string? name)
    {
        var lower = name?.ToLowerInvariant() ?? string.Empty;
        return format switch
        {
            "date-time" => "2026-11-23T10:00:00+01:00",
            "date" => "2026-11-23",
            "uuid" => "3f2c6d1e-8a4b-4c7d-9e10-5b6a7c8d9e0f",
            "uri" => "https://citizen-services.helsenorge.no/example",
            _ when lower.Contains("masked", StringComparison.Ordinal) => "148385*****",
            _ when lower is "nationalidentitynumber" or "subject" or "principal" or "representative" or "giver" or "child" or "ward" => "14838510036",
            _ when lower.Contains("municipality", StringComparison.Ordinal) => "0301",
            _ when lower.EndsWith("id", StringComparison.Ordinal) => "3f2c6d1e-8a4b-4c7d-9e10-5b6a7c8d9e0f",
            _ when lower.Contains("name", StringComparison.Ordinal) => "Kari Hansen",
            _ => "string",
        };
    }
}
