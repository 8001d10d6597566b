using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace CitizenServices.Functions.Invocation;

/// <summary>
/// The original HTTP request of an HTTP-triggered function that is invoked rather than proxied (it has
/// outputs besides <c>http</c>): <c>Data.&lt;trigger&gt; = { Url, Method, Query, Headers, Params, Identities, Body }</c>.
/// </summary>
public sealed record InvokedHttpRequest
{
    public required Uri Url { get; init; }

    public required string Method { get; init; }

    /// <summary>Query parameters, case-insensitive. The host joins repeated parameters with commas.</summary>
    public IReadOnlyDictionary<string, StringValues> Query { get; init; } = EmptyValues;

    /// <summary>Request headers, case-insensitive.</summary>
    public IReadOnlyDictionary<string, StringValues> Headers { get; init; } = EmptyValues;

    /// <summary>Route parameters from the function's <c>route</c> template, case-insensitive.</summary>
    public IReadOnlyDictionary<string, string?> Params { get; init; } = EmptyParams;

    /// <summary>Identities the host authenticated (function keys, App Service authentication).</summary>
    public IReadOnlyList<InvokedIdentity> Identities { get; init; } = [];

    /// <summary>The request body; empty when there was none.</summary>
    public BinaryData Body { get; init; } = BinaryData.Empty;

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.ToMemory().Span);

    private static readonly IReadOnlyDictionary<string, StringValues> EmptyValues =
        ReadOnlyDictionary<string, StringValues>.Empty;

    private static readonly IReadOnlyDictionary<string, string?> EmptyParams =
        ReadOnlyDictionary<string, string?>.Empty;

    internal static InvokedHttpRequest Read(PayloadValue data)
    {
        var request = data.AsObject();

        var urlValue = Required(request, "Url");
        var urlText = urlValue.GetText();
        // On Unix "/path" parses as an absolute file URI, so the scheme is checked too.
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw urlValue.Invalid("must be an absolute http(s) URL.");
        }

        var methodValue = Required(request, "Method");
        var method = methodValue.GetText();
        if (string.IsNullOrWhiteSpace(method))
        {
            throw methodValue.Invalid("must not be empty.");
        }

        var headers = ReadMultiValues(request, "Headers");
        return new InvokedHttpRequest
        {
            Url = url,
            Method = method,
            Query = ReadMultiValues(request, "Query"),
            Headers = headers,
            Params = ReadParams(request),
            Identities = ReadIdentities(request),
            Body = ReadBody(request, headers),
        };
    }

    private static PayloadValue Required(PayloadValue request, string name) =>
        request.TryGetProperty(name, out var value) && !value.IsMissingOrNull
            ? value
            : throw new InvalidInvocationPayloadException(
                JsonPointer.Append(request.Path, name), $"'{JsonPointer.Append(request.Path, name)}' is required.");

    /// <summary>Values may be a string or an array of strings; older hosts sent the whole object as a string.</summary>
    private static Dictionary<string, StringValues> ReadMultiValues(PayloadValue request, string name)
    {
        var result = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        if (!request.TryGetProperty(name, out var container) || container.IsMissingOrNull)
        {
            return result;
        }

        foreach (var (key, item) in container.AsObject().EnumerateObject())
        {
            if (item.Element.ValueKind == JsonValueKind.Array)
            {
                var values = item.EnumerateArray().Select(value => value.GetText()).OfType<string>().ToArray();
                result[key] = new StringValues(values);
            }
            else
            {
                result[key] = item.IsMissingOrNull ? StringValues.Empty : new StringValues(RawText(item));
            }
        }

        return result;
    }

    private static Dictionary<string, string?> ReadParams(PayloadValue request)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (request.TryGetProperty("Params", out var parameters) && !parameters.IsMissingOrNull)
        {
            foreach (var (key, value) in parameters.AsObject().EnumerateObject())
            {
                result[key] = RawText(value);
            }
        }

        return result;
    }

    private static List<InvokedIdentity> ReadIdentities(PayloadValue request)
    {
        var result = new List<InvokedIdentity>();
        if (!request.TryGetProperty("Identities", out var identities) || identities.IsMissingOrNull)
        {
            return result;
        }

        var array = identities with { Element = PayloadValue.DecodeEmbeddedJson(identities.Element) };
        if (array.Element.ValueKind != JsonValueKind.Array)
        {
            throw identities.Invalid("must be an array.");
        }

        foreach (var identity in array.EnumerateArray())
        {
            result.Add(InvokedIdentity.Read(identity.AsObject()));
        }

        return result;
    }

    /// <summary>
    /// The host sends text bodies as a string and octet-stream or multipart bodies as base64; a stand-in host
    /// may send a JSON body as a raw object.
    /// </summary>
    private static BinaryData ReadBody(PayloadValue request, Dictionary<string, StringValues> headers)
    {
        if (!request.TryGetProperty("Body", out var body) || body.IsMissingOrNull)
        {
            return BinaryData.Empty;
        }

        if (body.Element.ValueKind != JsonValueKind.String)
        {
            return BinaryData.FromString(body.Element.GetRawText());
        }

        var text = body.Element.GetString()!;
        if (!IsBinaryMediaType(headers))
        {
            return BinaryData.FromString(text);
        }

        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written)
            ? BinaryData.FromBytes(buffer.AsMemory(0, written))
            : throw body.Invalid("must be base64 for an octet-stream or multipart request.");
    }

    private static bool IsBinaryMediaType(Dictionary<string, StringValues> headers)
    {
        if (!headers.TryGetValue("Content-Type", out var contentType))
        {
            return false;
        }

        var mediaType = contentType.ToString();
        return mediaType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Scalars as text; a nested structure (never sent by the host) as its JSON text.</summary>
    private static string? RawText(PayloadValue value) =>
        value.Element.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? value.Element.GetRawText()
            : value.GetText();
}

/// <summary>One identity of <see cref="InvokedHttpRequest.Identities"/>.</summary>
public sealed record InvokedIdentity(string? AuthenticationType, bool IsAuthenticated, IReadOnlyList<InvokedClaim> Claims)
{
    internal static InvokedIdentity Read(PayloadValue identity)
    {
        var claims = new List<InvokedClaim>();
        if (identity.TryGetProperty("Claims", out var claimsValue) && !claimsValue.IsMissingOrNull)
        {
            if (claimsValue.Element.ValueKind != JsonValueKind.Array)
            {
                throw claimsValue.Invalid("must be an array.");
            }

            foreach (var item in claimsValue.EnumerateArray())
            {
                var claim = item.AsObject();
                var type = claim.TryGetProperty("Type", out var typeValue) ? typeValue.GetText() : null;
                var value = claim.TryGetProperty("Value", out var valueValue) ? valueValue.GetText() : null;
                if (type is not null)
                {
                    claims.Add(new InvokedClaim(type, value ?? string.Empty));
                }
            }
        }

        return new InvokedIdentity(
            identity.TryGetProperty("AuthenticationType", out var authenticationType) ? authenticationType.GetText() : null,
            identity.TryGetProperty("IsAuthenticated", out var isAuthenticated) && (isAuthenticated.GetBoolean() ?? false),
            claims);
    }
}

public sealed record InvokedClaim(string Type, string Value);
