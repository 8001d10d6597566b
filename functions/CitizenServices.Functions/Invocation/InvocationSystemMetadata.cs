namespace CitizenServices.Functions.Invocation;

/// <summary>The host's <c>Metadata.sys</c> entry.</summary>
/// <param name="MethodName">The function name as the host knows it.</param>
/// <param name="UtcNow">The host's clock when it started the invocation.</param>
/// <param name="RandGuid">A random GUID per invocation, usable as a binding expression <c>{rand-guid}</c>.</param>
public sealed record InvocationSystemMetadata(string? MethodName, DateTimeOffset? UtcNow, Guid? RandGuid)
{
    internal static InvocationSystemMetadata Read(PayloadValue sys)
    {
        var value = sys.AsObject();
        return new InvocationSystemMetadata(
            value.TryGetProperty("MethodName", out var methodName) ? methodName.GetText() : null,
            value.TryGetProperty("UtcNow", out var utcNow) ? utcNow.GetTimestamp() : null,
            value.TryGetProperty("RandGuid", out var randGuid) ? randGuid.GetGuid() : null);
    }
}

/// <summary>The host's <c>Metadata.RetryContext</c>, present when the function has a retry policy.</summary>
/// <param name="RetryCount">0 on the first attempt.</param>
public sealed record InvocationRetryContext(int RetryCount, int MaxRetryCount)
{
    internal static InvocationRetryContext Read(PayloadValue retryContext)
    {
        var value = retryContext.AsObject();
        return new InvocationRetryContext(
            value.TryGetProperty("RetryCount", out var retryCount) ? retryCount.GetInt32() ?? 0 : 0,
            value.TryGetProperty("MaxRetryCount", out var maxRetryCount) ? maxRetryCount.GetInt32() ?? 0 : 0);
    }
}
