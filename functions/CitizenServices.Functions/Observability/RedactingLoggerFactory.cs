namespace CitizenServices.Functions.Observability;

/// <summary>
/// Wraps the logger factory so that every log line, whatever its provider (console, OpenTelemetry), has
/// national identity numbers masked to birth date + <c>*****</c> in its message and in its string-valued
/// structured properties. It is the last line of defence: code should log masked values in the first place.
/// </summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>Replaces the registered <see cref="ILoggerFactory"/> with a redacting one around it.</summary>
    public static void Register(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(original);
        services.AddSingleton<ILoggerFactory>(sp =>
        {
            var factory = original.ImplementationInstance as ILoggerFactory
                ?? (original.ImplementationFactory?.Invoke(sp) as ILoggerFactory)
                ?? (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!);
            return new RedactingLoggerFactory(factory);
        });
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            inner.BeginScope(RedactState(state) ?? state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = NationalIdentityNumberRedaction.Redact(formatter(state, exception));
            inner.Log(logLevel, eventId, RedactState(state), exception, (_, _) => message);
        }

        private static object? RedactState(object? state) => state switch
        {
            string text => NationalIdentityNumberRedaction.Redact(text),
            IReadOnlyList<KeyValuePair<string, object?>> pairs => new RedactedPairs(pairs),
            IEnumerable<KeyValuePair<string, object>> pairs => new RedactedPairs(
                pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)).ToList()),
            _ => state,
        };
    }

    /// <summary>Structured state with string values redacted; keys (including {OriginalFormat}) kept.</summary>
    private sealed class RedactedPairs(IReadOnlyList<KeyValuePair<string, object?>> pairs)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => pairs.Count;

        public KeyValuePair<string, object?> this[int index] => Redact(pairs[index]);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        // FormattedLogValues renders the message; other pair lists (scopes built from dictionaries) would
        // render as their type name, so they are rendered as key:value pairs instead.
        public override string ToString()
        {
            var text = pairs.GetType().FullName?.StartsWith("System.Collections", StringComparison.Ordinal) == true
                ? string.Join(", ", pairs.Select(p => $"{p.Key}:{p.Value}"))
                : pairs.ToString();
            return text is null ? string.Empty : NationalIdentityNumberRedaction.Redact(text);
        }

        private static KeyValuePair<string, object?> Redact(KeyValuePair<string, object?> pair) =>
            pair.Key == "{OriginalFormat}" ? pair : new(pair.Key, RedactValue(pair.Value));

        // Values that cannot hold an 11-digit number pass through with their type (metrics and queries on
        // them keep working); anything else is rendered and redacted, since an exporter would render it too.
        private static object? RedactValue(object? value) => value switch
        {
            null or bool or int or short or byte or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => value,
            string text => NationalIdentityNumberRedaction.Redact(text),
            _ => RedactRendered(value),
        };

        private static object RedactRendered(object value)
        {
            var rendered = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            var redacted = NationalIdentityNumberRedaction.Redact(rendered);
            return ReferenceEquals(rendered, redacted) || rendered == redacted ? value : redacted;
        }
    }
}
