using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CitizenServices.Testing;

/// <summary>A storage request about to leave the process, as a <see cref="StorageFault"/> sees it.</summary>
public sealed class OutgoingStorageRequest(Request request)
{
    private readonly Lazy<string> _body = new(() =>
    {
        if (request.Content is null)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, default);
        return Encoding.UTF8.GetString(buffer.ToArray());
    });

    public RequestMethod Method => request.Method;

    public string Path => request.Uri.Path;

    /// <summary>An entity group transaction (<c>$batch</c>), whose body lists its operations.</summary>
    public bool IsTransaction => Path.EndsWith("$batch", StringComparison.Ordinal);

    public bool IsWrite => Method != RequestMethod.Get && Method != RequestMethod.Head;

    /// <summary>The request body as text (empty when there is none).</summary>
    public string Body => _body.Value;
}

/// <summary>
/// Makes the storage requests a test picks fail before they leave the process, as an unavailable account or a bug in
/// our code after a commit would, so a test can prove what the app does then. Add it to a real client's options (its
/// retries off, or at <see cref="HttpPipelinePosition.PerCall"/>, when the fault must not be retried away); every other
/// request goes to Azurite unchanged.
/// </summary>
/// <param name="fault">The exception to throw for a request, or null to send it.</param>
public sealed class StorageFault(Func<OutgoingStorageRequest, Exception?> fault) : HttpPipelinePolicy
{
    private int _failed;

    /// <summary>How many requests were failed.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>What storage answers when the account cannot be reached.</summary>
    public static RequestFailedException Unavailable(string what = "Storage is unavailable (injected).") => new(503, what);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Fail(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Fail(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Fail(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (fault(new OutgoingStorageRequest(message.Request)) is { } exception)
        {
            Interlocked.Increment(ref _failed);
            throw exception;
        }
    }
}
