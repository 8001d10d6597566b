using System.Buffers;
using Microsoft.Extensions.Options;

namespace CitizenServices.Functions.Invocation;

public sealed class InvocationReaderOptions
{
    /// <summary>
    /// Largest invocation body accepted. Service Bus Standard messages are at most 256 KB, and a base64 body
    /// grows by a third; 4 MiB leaves room for metadata and Premium-sized messages we might receive.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>Reads the host's invocation body from an <see cref="HttpRequest"/>.</summary>
public sealed class InvocationReader(IOptions<InvocationReaderOptions>? options = null)
{
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    private readonly int _maxPayloadBytes = (options?.Value ?? new InvocationReaderOptions()).MaxPayloadBytes;

    /// <exception cref="InvalidInvocationPayloadException">The body is too large, not JSON, or has no <c>Data</c>.</exception>
    public async Task<InvocationRequest> ReadAsync(HttpRequest request, string functionName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (request.ContentLength > _maxPayloadBytes)
        {
            throw TooLarge();
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)length : 16 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);

            // Content-Length can be absent (chunked), so the limit is enforced while reading.
            if (buffer.WrittenCount > _maxPayloadBytes)
            {
                throw TooLarge();
            }
        }

        return InvocationRequest.Parse(buffer.WrittenMemory, functionName, InvocationId(request));
    }

    public static string? InvocationId(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers[InvocationIdHeader].ToString();
        return value.Length == 0 ? null : value;
    }

    private InvalidInvocationPayloadException TooLarge() => new(
        string.Empty,
        $"The invocation body exceeds {_maxPayloadBytes} bytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
