using Microsoft.OpenApi;

namespace CitizenServices.Functions.OpenApi;

/// <summary>
/// Puts into the schema what the request types declare beyond their .NET types, so the contract says exactly what is
/// accepted: a closed vocabulary as <c>enum</c> (on the items of an array), free text as the pattern it must match, and
/// no properties beyond the declared ones (the API refuses unknown fields). The framework already maps the standard
/// DataAnnotations (<c>StringLength</c>, <c>Range</c>, <c>RegularExpression</c>, <c>Length</c>).
/// </summary>
internal static class RequestSchemaTransformer
{
    /// <summary>The problem detail as this API writes it: RFC 9457's members, never null here, and our extensions.</summary>
    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
        schema.Required = new HashSet<string> { "type", "title", "status" };
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "Stable: clients branch on it." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The last segment of type." },
            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request field at fault, as a JSON path (slots[0].start), query or header name." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Every field at fault, when there are several.",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "field", "code", "detail" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["field"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            },
            ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it to support." },
        };
    }

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is null)
        {
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
            {
                DescribeProblem(schema);
            }
            else if (!typeof(IRequestBody).IsAssignableFrom(type) && !typeof(IRequestPart).IsAssignableFrom(type)
                     && schema.Properties is { Count: > 0 })
            {
                // Requests are closed (the API refuses unknown fields); answers stay open, so a field added to an answer
                // later does not break a client generated from today's contract.
                schema.AdditionalPropertiesAllowed = true;
                schema.AdditionalProperties = null;
            }

            return Task.CompletedTask;
        }

        var attributes = context.JsonPropertyInfo.AttributeProvider?.GetCustomAttributes(inherit: true) ?? [];
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case VocabularyAttribute vocabulary:
                    var target = schema.Items is OpenApiSchema items ? items : schema;
                    target.Enum = vocabulary.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
                    break;
                case FreeTextAttribute freeText:
                    schema.Pattern ??= freeText.Pattern;
                    break;
                case FormatAttribute format:
                    var formatted = schema.Items is OpenApiSchema elements ? elements : schema;
                    formatted.Pattern = format.Pattern;
                    formatted.Description ??= format.Description;
                    formatted.Format ??= format.SchemaFormat;
                    break;
                case TextLengthAttribute length:
                    schema.MinLength = length.Minimum;
                    schema.MaxLength = length.Maximum;
                    break;
                case BetweenAttribute between:
                    schema.Minimum = between.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    schema.Maximum = between.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case ItemCountAttribute count:
                    schema.MinItems = count.Minimum;
                    schema.MaxItems = count.Maximum;
                    break;
            }
        }

        return Task.CompletedTask;
    }
}
