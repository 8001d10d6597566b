using System.Collections.Concurrent;
using System.Xml;

namespace CitizenServices.LocalHost;

/// <summary>
/// What Service Bus itself does to messages sent to a topic, for the stand-in: duplicate detection by MessageId within
/// the topic's window, and subscription filters on the subject. Read from the same routing file the Bicep deploys
/// (<c>infra/modules/citizen-events-routing.json</c>), so the two cannot drift apart:
/// <code>{ "topic": "t", "duplicateDetectionHistoryTimeWindow": "PT10M", "subscriptions": { "s": ["subject", …] } }</code>
/// A subscription the file does not name receives every message, as one with only the default rule does.
/// </summary>
public sealed class ServiceBusTopicRules
{
    private readonly Dictionary<string, TopicRule> _topics;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _accepted;

    public ServiceBusTopicRules(IEnumerable<TopicRule> topics, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        _topics = topics.ToDictionary(t => t.Topic, StringComparer.OrdinalIgnoreCase);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>No duplicate detection and no filters: every subscription receives every message.</summary>
    public static ServiceBusTopicRules None { get; } = new([]);

    public IReadOnlyCollection<TopicRule> Topics => _topics.Values;

    /// <summary>Reads a routing file.</summary>
    /// <exception cref="FunctionAppConfigurationException">The file is missing or malformed.</exception>
    public static ServiceBusTopicRules Read(string path, TimeProvider? time = null)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
                ?? throw new FunctionAppConfigurationException($"{path} must hold a JSON object.");
            var topic = root["topic"]?.GetValue<string>() ?? throw new FunctionAppConfigurationException($"{path}: 'topic' is missing.");
            TimeSpan? window = root["duplicateDetectionHistoryTimeWindow"]?.GetValue<string>() is { } iso ? XmlConvert.ToTimeSpan(iso) : null;
            var filters = new Dictionary<string, IReadOnlySet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (subscription, subjects) in root["subscriptions"]?.AsObject() ?? [])
            {
                filters[subscription] = (subjects?.AsArray() ?? []).Select(s => s!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            }

            return new ServiceBusTopicRules([new TopicRule(topic, window, filters)], time);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new FunctionAppConfigurationException($"Service Bus routing file '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Whether a message with <paramref name="subject"/> matches the subscription's filter. Service Bus compares the
    /// subject exactly (a correlation filter on <c>label</c>, or <c>sys.Label IN (…)</c>); no subject matches no list.
    /// </summary>
    public bool Matches(string topic, string subscription, string? subject) =>
        !_topics.TryGetValue(topic, out var rule)
        || !rule.SubjectFilters.TryGetValue(subscription, out var subjects)
        || (subject is not null && subjects.Contains(subject));

    /// <summary>
    /// True when the topic takes the message: duplicate detection is off, or no message with this id was accepted within
    /// the window. Service Bus acknowledges a duplicate send as a success and drops it; the caller does the same.
    /// </summary>
    public bool TryAccept(string topic, string messageId)
    {
        if (!_topics.TryGetValue(topic, out var rule) || rule.DuplicateDetectionWindow is not { } window)
        {
            return true;
        }

        var key = $"{rule.Topic}|{messageId}";
        var now = _time.GetUtcNow();
        if (Interlocked.Increment(ref _accepted) % 1024 == 0)
        {
            foreach (var (seenKey, at) in _seen)
            {
                if (now - at >= window)
                {
                    _seen.TryRemove(KeyValuePair.Create(seenKey, at));
                }
            }
        }

        while (true)
        {
            if (_seen.TryGetValue(key, out var seenAt))
            {
                if (now - seenAt < window)
                {
                    return false;
                }

                if (_seen.TryUpdate(key, now, seenAt))
                {
                    return true;
                }
            }
            else if (_seen.TryAdd(key, now))
            {
                return true;
            }
        }
    }

    /// <summary>The send of an accepted message failed: the broker never took it, so its id must not block a retry.</summary>
    public void Forget(string topic, string messageId)
    {
        if (_topics.TryGetValue(topic, out var rule))
        {
            _seen.TryRemove($"{rule.Topic}|{messageId}", out _);
        }
    }
}

/// <param name="DuplicateDetectionWindow">Null: the topic has no duplicate detection.</param>
/// <param name="SubjectFilters">Per subscription, the subjects it receives.</param>
public sealed record TopicRule(string Topic, TimeSpan? DuplicateDetectionWindow, IReadOnlyDictionary<string, IReadOnlySet<string>> SubjectFilters);
