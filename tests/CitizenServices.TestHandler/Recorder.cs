using System.Text.Json.Nodes;

namespace CitizenServices.TestHandler;

/// <summary>Appends one JSON line per request (method, path, query, headers, raw body) to a file.</summary>
internal sealed class Recorder(string? path)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task RecordAsync(HttpRequest request)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        request.Body.Position = 0;

        var headers = new JsonObject();
        foreach (var (name, value) in request.Headers)
        {
            headers[name] = value.ToString();
        }

        var line = new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = request.Path.Value,
            ["query"] = request.QueryString.Value,
            ["headers"] = headers,
            ["body"] = body,
            ["at"] = DateTimeOffset.UtcNow.ToString("O"),
        }.ToJsonString() + "\n";

        await _gate.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(path, line);
        }
        finally
        {
            _gate.Release();
        }
    }
}
