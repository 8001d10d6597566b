using System.Security.Cryptography;

namespace CitizenServices.LocalHost;

/// <summary>
/// How Service Bus entities map onto Azure Storage queues in the local stand-in. Storage queue names allow only
/// lowercase letters, digits and single hyphens, 3–63 characters, starting and ending with a letter or digit.
/// <list type="bullet">
/// <item>queue <c>X</c> → <c>sbq-{x}</c></item>
/// <item>topic <c>T</c>, subscription <c>S</c> → <c>sbs-{t}-{s}</c> (a topic is one storage queue per subscription)</item>
/// <item>dead-letter queue of any of those → <c>{name}-dlq</c></item>
/// </list>
/// The prefixes keep the stand-in's queues apart from the app's own storage queues in the same account.
/// Characters outside [a-z0-9] become hyphens; when that loses information (e.g. <c>a.b</c> vs <c>a-b</c>) or the
/// name is too long, an 8-hex-digit hash of the original is appended so distinct entities keep distinct queues.
/// </summary>
public static class ServiceBusQueueNames
{
    private const int MaxLength = 63;
    private const string DeadLetterSuffix = "-dlq";

    /// <summary>The storage queue standing in for Service Bus queue <paramref name="queueName"/>.</summary>
    public static string ForQueue(string queueName) => Build("sbq", queueName);

    /// <summary>The storage queue standing in for one subscription of a topic.</summary>
    public static string ForSubscription(string topicName, string subscriptionName) =>
        Build("sbs", $"{topicName}-{subscriptionName}");

    /// <summary>The dead-letter storage queue of a stand-in storage queue.</summary>
    public static string DeadLetterOf(string storageQueueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storageQueueName);
        if (storageQueueName.Length + DeadLetterSuffix.Length <= MaxLength)
        {
            return storageQueueName + DeadLetterSuffix;
        }

        var keep = storageQueueName[..(MaxLength - DeadLetterSuffix.Length - 9)].TrimEnd('-');
        return $"{keep}-{Hash(storageQueueName)}{DeadLetterSuffix}";
    }

    /// <summary>The dead-letter storage queue of Service Bus queue <paramref name="queueName"/>.</summary>
    public static string DeadLetterForQueue(string queueName) => DeadLetterOf(ForQueue(queueName));

    /// <summary>The dead-letter storage queue of a topic subscription.</summary>
    public static string DeadLetterForSubscription(string topicName, string subscriptionName) =>
        DeadLetterOf(ForSubscription(topicName, subscriptionName));

    /// <summary>Service Bus's entity path of a subscription, used as its key in settings.</summary>
    public static string SubscriptionPath(string topicName, string subscriptionName) =>
        $"{topicName}/Subscriptions/{subscriptionName}";

    /// <summary>True when <paramref name="name"/> is a valid Azure Storage queue name.</summary>
    public static bool IsValidStorageQueueName(string name) =>
        name.Length is >= 3 and <= MaxLength
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);

    private static string Build(string prefix, string entity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        var lower = entity.ToLowerInvariant();
        var clean = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            var mapped = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-';
            if (mapped == '-' && (clean.Length == 0 || clean[^1] == '-'))
            {
                continue;
            }

            clean.Append(mapped);
        }

        var body = clean.ToString().TrimEnd('-');
        var lossless = string.Equals(body, lower, StringComparison.Ordinal);
        var name = body.Length == 0 ? prefix : $"{prefix}-{body}";
        if (lossless && name.Length <= MaxLength)
        {
            return name;
        }

        // Room for "-" + 8 hex digits, and for the dead-letter suffix so DeadLetterOf never needs a second hash.
        var room = MaxLength - 9 - DeadLetterSuffix.Length;
        var kept = name.Length > room ? name[..room].TrimEnd('-') : name;
        return $"{kept}-{Hash(lower)}";
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 4));
}
