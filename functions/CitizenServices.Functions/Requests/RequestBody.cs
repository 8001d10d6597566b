using System.Reflection;

namespace CitizenServices.Functions.Requests;

/// <summary>
/// Marks a request body. Its constraints are attributes on its properties (<see cref="StringLengthAttribute"/>,
/// <see cref="RangeAttribute"/>, <see cref="RegularExpressionAttribute"/>, <see cref="AllowedValuesAttribute"/>,
/// <see cref="FreeTextAttribute"/>, <see cref="LengthAttribute"/>), so that one declaration is both what the contract
/// says (the OpenAPI schema is generated from them) and what the endpoint enforces (<see cref="RequestBodyValidation"/>).
/// </summary>
#pragma warning disable CA1040 // A marker: the bodies share nothing but being bodies.
public interface IRequestBody;
#pragma warning restore CA1040

/// <summary>
/// Free text a person reads: no control characters but line breaks and tabs, and no bidirectional overrides or isolates,
/// which can make a text read differently from what it says (Trojan Source, CVE-2021-42574).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class FreeTextAttribute(bool multiline = false) : RequestRuleAttribute
{
    /// <summary>The same rule as a JSON Schema (ECMA-262) pattern, for the contract.</summary>
    public string Pattern => Multiline
        ? "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$"
        : "^[^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$";

    public bool Multiline { get; } = multiline;

    protected override bool Check(object value) => value is not string text || FreeText.IsClean(text, Multiline);
}

/// <summary>
/// Validates a request body against the attributes on its properties, into nested objects and array elements: every
/// field at fault is named (<c>slots[2].lengthMinutes</c>), so a client can fix them all at once. Wrong JSON types,
/// missing and null fields never get here: the serializer refuses them (see <see cref="JsonErrors"/>).
/// </summary>
public static class RequestBodyValidation
{
    /// <summary>A body of at most this many nested levels and array elements is walked; the body size limit bounds the rest.</summary>
    private const int MaxDepth = 8;

    public static Error? Validate(IRequestBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<FieldError>();
        Walk(body, string.Empty, errors, 0);
        return errors.Count switch
        {
            0 => null,
            1 => Error.BadRequest(errors[0].Field, errors[0].Detail),
            _ => Error.BadRequest(errors[0].Field, errors[0].Detail) with { Errors = errors },
        };
    }

    /// <summary>Runs <see cref="Validate"/> on every body argument of the endpoint: a 400 before the handler runs.</summary>
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bodies = context.MethodInfo.GetParameters()
            .Select((p, i) => (p, i))
            .Where(x => typeof(IRequestBody).IsAssignableFrom(x.p.ParameterType))
            .Select(x => x.i)
            .ToArray();
        if (bodies.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            foreach (var index in bodies)
            {
                if (invocation.Arguments[index] is IRequestBody body && Validate(body) is { } error)
                {
                    return error.ToProblem();
                }
            }

            return await next(invocation);
        };
    }

    private static void Walk(object value, string path, List<FieldError> errors, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        // In the order the body's JSON lists them, so the first field reported is the first the contract shows.
        var properties = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => p.GetCustomAttribute<JsonPropertyOrderAttribute>()?.Order ?? 0);
        foreach (var property in properties)
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var field = Join(path, NameOf(property));
            var item = property.GetValue(value);
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (!rule.IsValid(item))
                {
                    errors.Add(new FieldError(Error.InvalidRequestCode, field, Describe(rule)));
                }
            }

            Inspect(item, field, errors, depth);
        }
    }

    private static void Inspect(object? item, string field, List<FieldError> errors, int depth)
    {
        switch (item)
        {
            case null or string:
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Join(field, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    if (entry.Value is null)
                    {
                        errors.Add(new FieldError(Error.InvalidRequestCode, key, "Must not be null."));
                    }
                    else
                    {
                        Inspect(entry.Value, key, errors, depth + 1);
                    }
                }

                return;
            case IEnumerable sequence:
                var index = 0;
                foreach (var element in sequence)
                {
                    var at = string.Create(CultureInfo.InvariantCulture, $"{field}[{index++}]");
                    if (element is null)
                    {
                        errors.Add(new FieldError(Error.InvalidRequestCode, at, "Must not be null."));
                    }
                    else
                    {
                        Inspect(element, at, errors, depth + 1);
                    }
                }

                return;
            case IRequestBody or IRequestPart:
                Walk(item, field, errors, depth + 1);
                return;
            default:
                return;
        }
    }

    private static string NameOf(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicyCamelCase(property.Name);

    private static string JsonNamingPolicyCamelCase(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Describe(ValidationAttribute rule) => rule switch
    {
        _ when rule.ErrorMessage is { Length: > 0 } message => message,
        StringLengthAttribute s when s.MinimumLength > 0 => Invariant($"Use {s.MinimumLength} to {s.MaximumLength} characters."),
        StringLengthAttribute s => Invariant($"Use at most {s.MaximumLength} characters."),
        LengthAttribute l => Invariant($"Give {l.MinimumLength} to {l.MaximumLength} items."),
        MaxLengthAttribute m => Invariant($"Give at most {m.Length} items."),
        MinLengthAttribute m => Invariant($"Give at least {m.Length} items."),
        RangeAttribute r => Invariant($"Use a value from {r.Minimum} to {r.Maximum}."),
        AllowedValuesAttribute a => "Use one of: " + string.Join(", ", a.Values) + ".",
        VocabularyAttribute v => "Use one of: " + string.Join(", ", v.Values) + ".",
        FormatAttribute f => f.Description,
        ItemCountAttribute c => Invariant($"Give {c.Minimum} to {c.Maximum} items."),
        TextLengthAttribute t => Invariant($"Use {t.Minimum} to {t.Maximum} characters."),
        BetweenAttribute b => Invariant($"Use a whole number from {b.Minimum} to {b.Maximum}."),
        FreeTextAttribute f => f.Multiline
            ? "Contains a control character other than line breaks and tabs, or a bidirectional formatting character."
            : "Contains a control character or a bidirectional formatting character.",
        RegularExpressionAttribute => "Not in the expected format.",
        _ => "Not valid.",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Marks an object nested in a request body, so its properties are validated too.</summary>
#pragma warning disable CA1040
public interface IRequestPart;
#pragma warning restore CA1040
