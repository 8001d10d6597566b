using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CitizenServices.Testing;

/// <summary>One storage request as it left the client: method, the table (or other resource) and the query filter.</summary>
public sealed record StorageRequest(string Method, string Resource, string? Filter)
{
    public override string ToString() => $"{Method} {Resource} {Filter}";
}

/// <summary>
/// An entity group transaction (<c>$batch</c>) and what the service answered for it: the status of its first failed
/// operation, or of its first operation when all succeeded (the outer response is 202 either way).
/// </summary>
public sealed record StorageTransaction(int Status)
{
    /// <summary>Lost to another writer: an ETag condition failed (412) or a row to add was already there (409).</summary>
    public bool Conflicted => Status is 409 or 412;

    public bool Committed => Status is >= 200 and < 300;
}

/// <summary>
/// Watches the HTTP requests a real storage client sends to Azurite, every retry included (add it at
/// <see cref="HttpPipelinePosition.PerRetry"/>): to prove that a rejected write never left the process, that a query
/// followed more than one page, which tables a request read, or that a write lost to a concurrent one and was retried.
/// It observes; responses come from Azurite unchanged. <see cref="BeforeNextTransaction"/> lets a test let another
/// writer in at the one moment a race needs (between a writer's read and its conditional write) instead of hoping for it.
/// </summary>
public sealed partial class StorageRequestRecorder : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<StorageRequest> _requests = new();
    private readonly ConcurrentQueue<StorageTransaction> _transactions = new();
    private readonly ConcurrentQueue<(long Sent, long Answered)> _timings = new();
    private RequestHook? _beforeNextRequest;

    /// <summary>A client (table, blob or queue options) that reports to this recorder.</summary>
    public T AddTo<T>(T options)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public IReadOnlyList<StorageRequest> Requests => [.. _requests];

    /// <summary>
    /// A delay before each request is sent on, as a storage account further away than Azurite would answer: requests the
    /// code sends together then overlap for certain, and a request sent only after another was answered cannot, however
    /// busy the machine is, so <see cref="SequentialRoundTrips"/> measures the code, not the scheduler. Zero by default.
    /// </summary>
    public TimeSpan Latency { get; set; }

    public int Count => _requests.Count;

    /// <summary>The requests after the first <paramref name="skip"/> (take <see cref="Count"/> before an action) that write: anything but a read.</summary>
    public IReadOnlyList<StorageRequest> WritesAfter(int skip) =>
        [.. _requests.Skip(skip).Where(r => r.Method is not ("GET" or "HEAD"))];

    /// <summary>GET requests, i.e. query pages and point reads.</summary>
    public int Gets => _requests.Count(r => r.Method == "GET");

    /// <summary>Every entity group transaction sent, in the order the answers came.</summary>
    public IReadOnlyList<StorageTransaction> Transactions => [.. _transactions];

    /// <summary>
    /// Round trips that waited on one another: the longest chain of requests each sent only after the one before it was
    /// answered. Requests in flight together (a request's parallel reads) count once; an entity group transaction is one
    /// request, so one round trip; every retry is a request of its own.
    /// </summary>
    public int SequentialRoundTrips
    {
        get
        {
            var timings = _timings.OrderBy(t => t.Answered).ToList();
            var chain = new int[timings.Count];
            for (var i = 0; i < timings.Count; i++)
            {
                chain[i] = 1;
                for (var j = 0; j < i; j++)
                {
                    if (timings[j].Answered <= timings[i].Sent)
                    {
                        chain[i] = Math.Max(chain[i], chain[j] + 1);
                    }
                }
            }

            return chain.Length == 0 ? 0 : chain.Max();
        }
    }

    public void Reset()
    {
        _requests.Clear();
        _transactions.Clear();
        _timings.Clear();
    }

    /// <summary>Runs <paramref name="action"/> once, right before the next transaction is sent (it may write through another client).</summary>
    public void BeforeNextTransaction(Func<Task> action) =>
        BeforeNextRequest((_, path) => path.EndsWith("/$batch", StringComparison.Ordinal), action);

    /// <summary>
    /// Runs <paramref name="action"/> once, right before the next request whose method and unescaped path satisfy
    /// <paramref name="matches"/> is sent: another request may run to its end in between (its own requests pass on).
    /// </summary>
    public void BeforeNextRequest(Func<string, string, bool> matches, Func<Task> action) => _beforeNextRequest = new(matches, action);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        ArgumentNullException.ThrowIfNull(message);
        var uri = message.Request.Uri.ToUri();
        // Azurite's path is /{account}/{table}(...); the service's is /{table}(...).
        var resource = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Split('(')[0] ?? string.Empty;
        var isTransaction = resource == "$batch";
        if (_beforeNextRequest is { } hook && hook.Matches(message.Request.Method.Method, Uri.UnescapeDataString(uri.AbsolutePath))
            && Interlocked.CompareExchange(ref _beforeNextRequest, null, hook) == hook)
        {
            await hook.Action();
        }

        _requests.Enqueue(new StorageRequest(
            message.Request.Method.Method, resource, System.Web.HttpUtility.ParseQueryString(uri.Query)["$filter"]));
        var sent = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (async)
            {
                if (Latency > TimeSpan.Zero)
                {
                    await Task.Delay(Latency, message.CancellationToken);
                }

                await ProcessNextAsync(message, pipeline);
            }
            else
            {
                ProcessNext(message, pipeline);
            }
        }
        finally
        {
            _timings.Enqueue((sent, System.Diagnostics.Stopwatch.GetTimestamp()));
        }

        if (isTransaction && message.HasResponse)
        {
            _transactions.Enqueue(new StorageTransaction(InnerStatus(message.Response)));
        }
    }

    /// <summary>The first operation's status in a buffered multipart <c>$batch</c> answer; the outer status if there is none.</summary>
    private static int InnerStatus(Response response)
    {
        try
        {
            var match = InnerStatusLine().Match(response.Content.ToString());
            return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : response.Status;
        }
        catch (InvalidOperationException)
        {
            // Not buffered (a streamed download): no transaction answer is streamed, so this is not one.
            return response.Status;
        }
    }

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3})", RegexOptions.Multiline)]
    private static partial Regex InnerStatusLine();
}

/// <summary>What <see cref="StorageRequestRecorder.BeforeNextRequest"/> waits for, and what it runs then.</summary>
internal sealed record RequestHook(Func<string, string, bool> Matches, Func<Task> Action);
