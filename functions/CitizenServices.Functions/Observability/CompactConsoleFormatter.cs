using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace CitizenServices.Functions.Observability;

/// <summary>
/// The console format in Development (scripts/run.sh): one line per entry, <c>HH:mm:ss level category: message</c>, with
/// the request's correlation id at the end when the message does not carry it already. The scopes ASP.NET Core adds
/// (span, trace, connection, request path) are left out: they made every line hundreds of characters long, and the
/// request path is what a correlation id replaces. Outside Development the JSON console keeps every scope.
/// </summary>
public sealed class CompactConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "citizen-services-compact";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTime.Now.ToString("HH:mm:ss ", CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.Write(OneLine(message));
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(" | ");
            textWriter.Write(OneLine(exception.ToString()));
        }

        if (CorrelationIdOf(scopeProvider) is { } correlationId && !message.Contains(correlationId, StringComparison.Ordinal))
        {
            textWriter.Write(" (correlation ");
            textWriter.Write(correlationId);
            textWriter.Write(')');
        }

        textWriter.WriteLine();
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private static string OneLine(string text) =>
        text.Contains('\n', StringComparison.Ordinal) ? text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace('\n', ' ') : text;

    private static string? CorrelationIdOf(IExternalScopeProvider? scopes)
    {
        string? found = null;
        scopes?.ForEachScope(
            (scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        if (key == "CorrelationId" && value is string id)
                        {
                            found = id;
                        }
                    }
                }
            },
            (object?)null);
        return found;
    }
}
