using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CitizenServices.DeploymentTests;

/// <summary>
/// A value only Azure can compute (a reference() to a deployed resource, uniqueString(), guid(), ...). It keeps the
/// expression's text so checks can still tell which deployment output a value comes from.
/// </summary>
internal sealed record Opaque(string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// Evaluates the small subset of ARM template expressions that Bicep emits for names, scopes and settings:
/// parameters(), variables(), format(), resourceId(), copyIndex(), length(), if(), createObject(), property access and
/// indexing. Anything that needs Azure becomes an <see cref="Opaque"/> value instead of failing, so the checks work
/// on the compiled template alone. Values are string, long, bool, List, Dictionary (case-insensitive keys, as in ARM),
/// Opaque or null.
/// </summary>
internal sealed class ArmScope
{
    private readonly IReadOnlyDictionary<string, object?> _parameters;
    private readonly JsonObject _variables;
    private readonly Dictionary<string, object?> _evaluatedVariables = new(StringComparer.OrdinalIgnoreCase);

    public ArmScope(IReadOnlyDictionary<string, object?> parameters, JsonObject? variables, int? copyIndex = null)
    {
        _parameters = parameters;
        _variables = variables ?? [];
        CopyIndex = copyIndex;
    }

    public int? CopyIndex { get; }

    public ArmScope WithCopyIndex(int index) => new(_parameters, _variables, index);

    public object? Parameter(string name) =>
        _parameters.TryGetValue(name, out var value) ? value : new Opaque($"parameters('{name}')");

    public object? Variable(string name)
    {
        if (_evaluatedVariables.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var node = _variables.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        var value = node is null ? new Opaque($"variables('{name}')") : Evaluate(node);
        _evaluatedVariables[name] = value;
        return value;
    }

    /// <summary>Evaluates every expression string in a JSON tree.</summary>
    public object? Evaluate(JsonNode? node) => node switch
    {
        null => null,
        // ARM evaluates expressions in property names too (Bicep emits them for userAssignedIdentities keys).
        JsonObject obj => obj.ToDictionary(p => Text(EvaluateString(p.Key)), p => Evaluate(p.Value), StringComparer.OrdinalIgnoreCase),
        JsonArray array => array.Select(Evaluate).ToList(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => EvaluateString(value.GetValue<string>()),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => Number(value),
        _ => null,
    };

    private static object Number(JsonValue value)
    {
        var element = value.GetValue<JsonElement>();
        return element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble();
    }

    public object? EvaluateString(string text)
    {
        if (text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text[1..]; // An escaped literal that starts with '['.
        }

        if (text.Length >= 2 && text[0] == '[' && text[^1] == ']')
        {
            return new ExpressionParser(text[1..^1], this).ParseAll();
        }

        return text;
    }

    public static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        Opaque o => o.Text,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };

    /// <summary>
    /// A resource id without subscription and resource group, e.g.
    /// <c>Microsoft.ServiceBus/namespaces/sb-x/queues/q</c>: the same form for resourceId() results and for a resource's
    /// own type and name, so scopes can be matched to resources.
    /// </summary>
    public static string CanonicalId(string type, IReadOnlyList<string> names)
    {
        var typeParts = type.Split('/');
        var builder = new StringBuilder(typeParts[0]);
        for (var i = 1; i < typeParts.Length; i++)
        {
            builder.Append('/').Append(typeParts[i]).Append('/').Append(i - 1 < names.Count ? names[i - 1] : "?");
        }

        return builder.ToString();
    }

    private sealed class ExpressionParser(string text, ArmScope scope)
    {
        private int _position;

        public object? ParseAll()
        {
            var value = ParseExpression();
            SkipWhitespace();
            if (_position != text.Length)
            {
                throw new FormatException($"Unexpected '{text[_position..]}' in expression '{text}'.");
            }

            return value;
        }

        private object? ParseExpression()
        {
            var value = ParsePrimary();
            while (true)
            {
                SkipWhitespace();
                if (TryConsume('.'))
                {
                    value = Member(value, ParseIdentifier());
                }
                else if (TryConsume('['))
                {
                    var index = ParseExpression();
                    Expect(']');
                    value = Index(value, index);
                }
                else
                {
                    return value;
                }
            }
        }

        private object? ParsePrimary()
        {
            SkipWhitespace();
            var c = text[_position];
            if (c == '\'')
            {
                return ParseString();
            }

            if (char.IsAsciiDigit(c) || c == '-')
            {
                var start = _position++;
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }

                return long.Parse(text[start.._position], CultureInfo.InvariantCulture);
            }

            var name = ParseIdentifier();
            SkipWhitespace();
            Expect('(');
            var arguments = new List<object?>();
            SkipWhitespace();
            if (!TryConsume(')'))
            {
                do
                {
                    arguments.Add(ParseExpression());
                    SkipWhitespace();
                }
                while (TryConsume(','));
                Expect(')');
            }

            return Call(name, arguments);
        }

        private object? Call(string name, List<object?> args)
        {
            switch (name.ToLowerInvariant())
            {
                case "parameters":
                    return scope.Parameter(Text(args[0]));
                case "variables":
                    return scope.Variable(Text(args[0]));
                case "true":
                    return true;
                case "false":
                    return false;
                case "null":
                    return null;
                case "copyindex" when scope.CopyIndex is { } index:
                    return (long)index + (args.Count > 0 && args[^1] is long offset ? offset : 0);
                case "length" when args[0] is System.Collections.ICollection collection:
                    return (long)collection.Count;
                case "length" when args[0] is string s:
                    return (long)s.Length;
                case "empty" when args[0] is string s:
                    return s.Length == 0;
                case "empty" when args[0] is System.Collections.ICollection collection:
                    return collection.Count == 0;
                case "equals" when args[0] is not Opaque && args[1] is not Opaque:
                    return Equals(args[0], args[1]);
                case "greater" when args[0] is long left && args[1] is long right:
                    return left > right;
                case "createarray":
                    return args.ToList();
                case "join" when args[0] is List<object?> items && args[1] is string separator && items.All(i => i is string):
                    return string.Join(separator, items.Cast<string>());
                case "not" when args[0] is bool b:
                    return !b;
                case "if" when args[0] is bool condition:
                    return condition ? args[1] : args[2];
                case "createobject":
                    var created = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i + 1 < args.Count; i += 2)
                    {
                        created[Text(args[i])] = args[i + 1];
                    }

                    return created;
                case "union" when args.All(a => a is IReadOnlyDictionary<string, object?>):
                    // Shallow merge, later arguments winning: enough for tags and settings objects.
                    var union = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var dictionary in args.Cast<IReadOnlyDictionary<string, object?>>())
                    {
                        foreach (var (key, value) in dictionary)
                        {
                            union[key] = value;
                        }
                    }

                    return union;
                case "format":
                    return Format(args);
                case "join" when args[0] is List<object?> items && args[1] is string separator:
                    return string.Join(separator, items.Select(Text));
                case "first" when args[0] is System.Collections.IList { Count: > 0 } list:
                    return list[0];
                case "concat" when args.All(a => a is string or Opaque or long):
                    var concatenated = string.Concat(args.Select(Text));
                    return args.Any(a => a is Opaque) ? new Opaque(concatenated) : concatenated;
                case "resourceid" or "subscriptionresourceid" or "tenantresourceid":
                    // Leading subscription id / resource group arguments have no '/': skip to the type.
                    var typeIndex = args.FindIndex(a => a is string s && s.Contains('/', StringComparison.Ordinal));
                    if (typeIndex < 0)
                    {
                        break;
                    }

                    return CanonicalId(Text(args[typeIndex]), args.Skip(typeIndex + 1).Select(Text).ToList());
                default:
                    break;
            }

            return new Opaque($"{name}({string.Join(", ", args.Select(Text))})");
        }

        private static object Format(List<object?> args)
        {
            var format = Text(args[0]);
            var builder = new StringBuilder();
            var opaque = args[0] is Opaque;
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] == '{' && i + 1 < format.Length && format[i + 1] == '{')
                {
                    builder.Append('{');
                    i++;
                }
                else if (format[i] == '}' && i + 1 < format.Length && format[i + 1] == '}')
                {
                    builder.Append('}');
                    i++;
                }
                else if (format[i] == '{')
                {
                    var end = format.IndexOf('}', i);
                    var index = int.Parse(format[(i + 1)..end].Split(':')[0], CultureInfo.InvariantCulture);
                    var argument = args[index + 1];
                    opaque |= argument is Opaque;
                    builder.Append(Text(argument));
                    i = end;
                }
                else
                {
                    builder.Append(format[i]);
                }
            }

            return opaque ? new Opaque(builder.ToString()) : builder.ToString();
        }

        private static object? Member(object? value, string member) => value switch
        {
            IReadOnlyDictionary<string, object?> d => d.TryGetValue(member, out var v) ? v : new Opaque($"<missing {member}>"),
            _ => new Opaque($"{Text(value)}.{member}"),
        };

        private static object? Index(object? value, object? index) => (value, index) switch
        {
            (List<object?> list, long i) when i >= 0 && i < list.Count => list[(int)i],
            (Dictionary<string, object?> d, string key) => d.TryGetValue(key, out var v) ? v : new Opaque($"<missing {key}>"),
            _ => new Opaque($"{Text(value)}[{Text(index)}]"),
        };

        private string ParseString()
        {
            Expect('\'');
            var builder = new StringBuilder();
            while (true)
            {
                var c = text[_position++];
                if (c == '\'')
                {
                    if (_position < text.Length && text[_position] == '\'')
                    {
                        builder.Append('\'');
                        _position++;
                        continue;
                    }

                    return builder.ToString();
                }

                builder.Append(c);
            }
        }

        private string ParseIdentifier()
        {
            SkipWhitespace();
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
            {
                _position++;
            }

            if (start == _position)
            {
                throw new FormatException($"Expected an identifier at {start} in '{text}'.");
            }

            return text[start.._position];
        }

        private void SkipWhitespace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private bool TryConsume(char c)
        {
            SkipWhitespace();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (!TryConsume(c))
            {
                throw new FormatException($"Expected '{c}' at {_position} in '{text}'.");
            }
        }
    }
}
