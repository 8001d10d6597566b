using System.Text.Json;

namespace CitizenServices.Application.Events;

/// <summary>
/// Tells a fault the message itself causes from one a retry can cure. Service Bus redelivers a message whose invocation
/// fails and dead-letters it after ten attempts, so a message that fails the same way every time must instead be parked
/// with its reason (and, where the sender has a reply channel, answered) on its first delivery.
/// </summary>
/// <remarks>
/// Readers and rules validate what they can name precisely; this is the net under them, for a value that slips through
/// and then breaks arithmetic or serialization (a date at the end of the calendar, text no UTF-8 writer can encode). The
/// exception types below are raised by pure code over the message's content and never by the storage or HTTP clients for a
/// fault that goes away: those raise <c>RequestFailedException</c>, <c>HttpRequestException</c>, <c>IOException</c>,
/// timeouts or cancellations, and our own lost races raise <see cref="InvalidOperationException"/>, all of which are retried.
/// </remarks>
public static class MessageFaults
{
    /// <summary>Whether <paramref name="exception"/> will happen again on every redelivery of the same message.</summary>
    public static bool IsCausedByContent(Exception exception) => exception is
        ArgumentException // includes ArgumentOutOfRangeException (calendar overflow) and the UTF-8 encoder's faults
        or FormatException
        or ArithmeticException // OverflowException, DivideByZeroException
        or JsonException
        or InvalidCastException
        or IndexOutOfRangeException
        or KeyNotFoundException
        or NullReferenceException;

    /// <summary>
    /// Runs a pure step (no I/O) over a message's content. Any fault in it is the message's own and would repeat on every
    /// redelivery, so it becomes a reason to park instead of a failed invocation.
    /// </summary>
    /// <returns>False with <paramref name="reason"/> when the step threw.</returns>
    public static bool TryPure<T>(string step, Func<T> run, out T? value, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            value = run();
            reason = null;
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            value = default;
            reason = Reason(step, exception);
            return false;
        }
    }

    /// <summary>The parked reason for such a fault: the step and the fault's kind, never a value from the message.</summary>
    public static string Reason(string step, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var kind = exception switch
        {
            ArgumentOutOfRangeException or ArithmeticException => "a value is outside the range the calculation can hold",
            ArgumentException => "a value cannot be encoded or is not allowed",
            InvalidOperationException => "a text value cannot be decoded",
            FormatException or JsonException => "a value is not in the expected format",
            _ => "an unexpected value",
        };
        return $"The message could not be processed ({step}): {kind}.";
    }
}
