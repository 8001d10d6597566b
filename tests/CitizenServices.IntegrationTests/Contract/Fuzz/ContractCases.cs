namespace CitizenServices.IntegrationTests.Contract.Fuzz;

/// <summary>One request the generator made from the contract: what it changed, and whether the contract allows the result.</summary>
/// <param name="Body">The raw body to send (null: no body).</param>
/// <param name="Query">Query string (without '?'), or empty.</param>
/// <param name="Path">Values for path parameters that differ from the ones the test supplies (null: none).</param>
public sealed record ContractCase(ContractOperation Operation, string What, string? Body, string Query, IReadOnlyDictionary<string, string>? Path = null)
{
    public override string ToString() => $"{Operation.Method} {Operation.Path} — {What}";
}

/// <summary>An operation of the contract, as far as the generator needs it.</summary>
public sealed record ContractOperation(
    string Method, string Path, string OperationId, JsonObject Operation, JsonObject? BodySchema, JsonNode? BodyExample,
    IReadOnlyList<JsonObject> Parameters);

/// <summary>
/// Generates malformed requests from <c>contracts/openapi.json</c>: for every operation, every body field (nested objects
/// and array elements included) and every query parameter, the values a careless or hostile client sends — wrong JSON
/// types, null, missing, empty, huge, extreme dates and numbers, control and bidirectional characters, non-ASCII — and a
/// handful of broken bodies. It reads only the contract, so an operation added later is covered without a line here.
/// </summary>
public static class ContractCases
{
    private const int HugeLength = 70_000;

    public static IReadOnlyList<ContractOperation> Operations(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var operations = new List<ContractOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var json = operation["requestBody"]?["content"]?["application/json"];
                var schema = json?["schema"] is JsonObject s ? Resolve(document, s) : null;
                var parameters = (operation["parameters"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
                operations.Add(new ContractOperation(
                    method, path, operation["operationId"]?.GetValue<string>() ?? $"{method} {path}", operation, schema, json?["example"], parameters));
            }
        }

        return operations;
    }

    public static IEnumerable<ContractCase> For(JsonNode document, ContractOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.BodySchema is { } schema && operation.BodyExample is JsonObject example)
        {
            yield return new ContractCase(operation, "body: the example", example.ToJsonString(), string.Empty);
            yield return new ContractCase(operation, "body: not JSON", "{\"unfinished\": ", string.Empty);
            yield return new ContractCase(operation, "body: empty", string.Empty, string.Empty);
            yield return new ContractCase(operation, "body: JSON null", "null", string.Empty);
            yield return new ContractCase(operation, "body: an array", "[]", string.Empty);
            yield return new ContractCase(operation, "body: a string", "\"x\"", string.Empty);
            yield return new ContractCase(operation, "body: 64 levels deep", new string('[', 64) + new string(']', 64), string.Empty);
            var extra = (JsonObject)example.DeepClone();
            extra["notAField"] = "x";
            yield return new ContractCase(operation, "body: an unknown field", extra.ToJsonString(), string.Empty);
            var twice = example.ToJsonString();
            if (example.FirstOrDefault() is { Key: var first, Value: var value })
            {
                twice = "{" + $"\"{first}\":{value?.ToJsonString() ?? "null"}," + twice[1..];
                yield return new ContractCase(operation, $"body: {first} twice", twice, string.Empty);
            }

            foreach (var (what, body) in Mutations(document, schema, example))
            {
                yield return new ContractCase(operation, what, body, string.Empty);
            }
        }

        foreach (var parameter in operation.Parameters.Where(p => p["in"]?.GetValue<string>() == "query"))
        {
            var name = parameter["name"]!.GetValue<string>();
            foreach (var (what, value) in OddValues())
            {
                yield return new ContractCase(operation, $"query {name}: {what}", null, $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
            }
        }

        foreach (var parameter in operation.Parameters.Where(p => p["in"]?.GetValue<string>() == "path"))
        {
            var name = parameter["name"]!.GetValue<string>();
            foreach (var (what, value) in OddValues().Where(v => v.What != "control character"))
            {
                yield return new ContractCase(operation, $"path {name}: {what}", operation.BodyExample?.ToJsonString(), string.Empty,
                    new Dictionary<string, string> { [name] = value });
            }
        }
    }

    /// <summary>Follows a <c>$ref</c> to its schema in the document's components.</summary>
    public static JsonObject Resolve(JsonNode document, JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(schema);
        var current = schema;
        for (var hops = 0; hops < 8 && current["$ref"]?.GetValue<string>() is { } reference; hops++)
        {
            current = reference.Split('/').Skip(1).Aggregate((JsonNode)document, (node, segment) => node[segment.Replace("~1", "/").Replace("~0", "~")]!)
                .AsObject();
        }

        return current;
    }

    private static IEnumerable<(string What, string Body)> Mutations(JsonNode document, JsonObject schema, JsonObject example)
    {
        foreach (var (field, fieldSchema, required, path) in Fields(document, schema, example, "$", 0))
        {
            var types = Types(fieldSchema);
            var label = path[2..];

            if (required)
            {
                yield return Make(example, path, null, remove: true, $"{label}: missing");
            }

            yield return Make(example, path, null, remove: false, $"{label}: null");
            foreach (var (what, value, type) in WrongValues())
            {
                if (!types.Contains(type) && !(type == "integer" && types.Contains("number")))
                {
                    yield return Make(example, path, value, remove: false, $"{label}: {what}");
                }
            }

            if (types.Contains("string"))
            {
                foreach (var (what, value) in StringValues(fieldSchema))
                {
                    yield return Make(example, path, JsonValue.Create(value), remove: false, $"{label}: {what}");
                }
            }

            if (types.Contains("integer") || types.Contains("number"))
            {
                foreach (var (what, value) in NumberValues())
                {
                    yield return Make(example, path, value, remove: false, $"{label}: {what}");
                }
            }

            if (types.Contains("array"))
            {
                yield return Make(example, path, new JsonArray(), remove: false, $"{label}: empty array");
                yield return Make(example, path, new JsonArray((JsonNode?)null), remove: false, $"{label}: [null]");
                var many = new JsonArray();
                for (var i = 0; i < 5_000; i++)
                {
                    many.Add(JsonValue.Create("x"));
                }

                yield return Make(example, path, many, remove: false, $"{label}: 5,000 elements");
            }

            if (types.Contains("object"))
            {
                yield return Make(example, path, new JsonObject(), remove: false, $"{label}: empty object");
            }

            _ = field;
        }
    }

    private static (string What, string Body) Make(JsonObject example, string path, JsonNode? value, bool remove, string what)
    {
        var copy = (JsonObject)example.DeepClone();
        var segments = Segments(path);
        JsonNode parent = copy;
        foreach (var segment in segments.SkipLast(1))
        {
            parent = segment is int index ? parent[index]! : parent[(string)segment]!;
        }

        var last = segments[^1];
        if (last is int position)
        {
            parent.AsArray()[position] = value?.DeepClone();
        }
        else if (remove)
        {
            parent.AsObject().Remove((string)last);
        }
        else
        {
            parent[(string)last] = value?.DeepClone();
        }

        return (what, copy.ToJsonString());
    }

    /// <summary>Every field of the example the schema describes, with its schema, whether it is required, and its JSON path.</summary>
    private static IEnumerable<(string Name, JsonObject Schema, bool Required, string Path)> Fields(
        JsonNode document, JsonObject schema, JsonNode? example, string path, int depth)
    {
        if (depth > 6)
        {
            yield break;
        }

        schema = Flatten(document, schema);
        if (example is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            var required = (schema["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, propertyNode) in properties)
            {
                var propertySchema = Flatten(document, propertyNode!.AsObject());
                var at = $"{path}.{name}";
                if (obj.ContainsKey(name) || required.Contains(name))
                {
                    yield return (name, propertySchema, required.Contains(name), at);
                }

                if (obj[name] is { } child)
                {
                    foreach (var nested in Fields(document, propertySchema, child, at, depth + 1))
                    {
                        yield return nested;
                    }
                }
            }
        }
        else if (example is JsonArray array && array.Count > 0 && schema["items"] is JsonObject items)
        {
            var itemSchema = Flatten(document, items);
            var at = $"{path}[0]";
            yield return ("[0]", itemSchema, false, at);
            foreach (var nested in Fields(document, itemSchema, array[0], at, depth + 1))
            {
                yield return nested;
            }
        }
    }

    /// <summary>A schema with its reference followed and a <c>oneOf</c> of null and one schema folded into that schema plus null.</summary>
    private static JsonObject Flatten(JsonNode document, JsonObject schema)
    {
        var resolved = Resolve(document, schema);
        if (resolved["oneOf"] is JsonArray alternatives)
        {
            var real = alternatives.OfType<JsonObject>().FirstOrDefault(a => a["type"]?.ToString() != "null");
            if (real is not null)
            {
                var copy = Resolve(document, real).DeepClone().AsObject();
                var types = Types(copy).Append("null").Distinct().Select(t => (JsonNode)JsonValue.Create(t)).ToArray();
                copy["type"] = new JsonArray(types);
                return copy;
            }
        }

        return resolved;
    }

    public static IReadOnlyList<string> Types(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ when schema["properties"] is not null => ["object"],
            _ => ["string", "number", "integer", "boolean", "array", "object", "null"],
        };
    }

    private static List<object> Segments(string path)
    {
        var segments = new List<object>();
        foreach (var part in path[2..].Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                segments.Add(part);
                continue;
            }

            if (bracket > 0)
            {
                segments.Add(part[..bracket]);
            }

            foreach (var index in part[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries))
            {
                segments.Add(int.Parse(index.TrimEnd(']'), CultureInfo.InvariantCulture));
            }
        }

        return segments;
    }

    private static IEnumerable<(string What, JsonNode? Value, string Type)> WrongValues() =>
    [
        ("a string", JsonValue.Create("20"), "string"),
        ("a number", JsonValue.Create(20), "integer"),
        ("a fraction", JsonValue.Create(1.5), "number"),
        ("true", JsonValue.Create(true), "boolean"),
        ("an object", new JsonObject { ["x"] = 1 }, "object"),
        ("an array", new JsonArray(JsonValue.Create(1)), "array"),
    ];

    private static IEnumerable<(string What, string Value)> StringValues(JsonObject schema)
    {
        yield return ("empty string", string.Empty);
        yield return ("whitespace", "   ");
        yield return ("huge string", new string('x', HugeLength));
        yield return ("control character", "a\u0000b\u0007c");
        yield return ("bidi override", "abc\u202Edcba");
        yield return ("non-ASCII", "Ærlig nøkkel å ✓ 𝄞");
        yield return ("lone surrogate escaped", "\uD800");
        if (schema["format"]?.GetValue<string>() is "date" or "date-time" || schema["pattern"]?.ToString().Contains("[0-9]{4}-", StringComparison.Ordinal) == true)
        {
            yield return ("date 0001-01-01", "0001-01-01");
            yield return ("date 9999-12-31", "9999-12-31");
            yield return ("date-time at the end of the calendar", "9999-12-31T23:59:59+14:00");
            yield return ("date-time at the start of the calendar", "0001-01-01T00:00:00-14:00");
            yield return ("date-time 9999-12-31T23:40:00Z", "9999-12-31T23:40:00Z");
            yield return ("February 30th", "2026-02-30");
        }
    }

    private static IEnumerable<(string What, JsonNode Value)> NumberValues() =>
    [
        ("zero", JsonValue.Create(0)),
        ("-1", JsonValue.Create(-1)),
        ("int max", JsonValue.Create(int.MaxValue)),
        ("int min", JsonValue.Create(int.MinValue)),
        ("beyond int", JsonValue.Create(1e20)),
    ];

    private static IEnumerable<(string What, string Value)> OddValues() =>
    [
        ("empty", string.Empty),
        ("huge", new string('9', 5_000)),
        ("control character", "a\u0000b"),
        ("non-ASCII", "nøkkel ✓"),
        ("date 0001-01-01", "0001-01-01"),
        ("date 9999-12-31", "9999-12-31"),
        ("instant at the end of the calendar", "9999-12-31T23:59:59+14:00"),
        ("-1", "-1"),
        ("int max", "2147483647"),
        ("beyond int", "99999999999999999999"),
    ];
}
