namespace CitizenServices.LocalHost;

/// <summary>A topic subscription known to the Service Bus stand-in.</summary>
public sealed record TopicSubscription(string Topic, string Subscription)
{
    /// <summary>The Service Bus entity path, the key used for per-entity settings such as max delivery count.</summary>
    public string EntityPath => ServiceBusQueueNames.SubscriptionPath(Topic, Subscription);
}

/// <summary>Settings for <see cref="LocalFunctionsHost"/>.</summary>
public sealed class LocalHostOptions
{
    /// <summary>The folder holding host.json.</summary>
    public required string ScriptRoot { get; init; }

    /// <summary>The folder whose subfolders hold function.json files. Defaults to <see cref="ScriptRoot"/>.</summary>
    public string? FunctionsRoot { get; init; }

    /// <summary>
    /// Executable followed by its arguments, replacing host.json's <c>customHandler.description</c>.
    /// <c>%VAR%</c> in the arguments is expanded like the real host does.
    /// </summary>
    public IReadOnlyList<string>? HandlerCommand { get; init; }

    /// <summary>The handler's working directory. Defaults to host.json's <c>workingDirectory</c>, else the script root.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Extra environment variables for the handler. They also act as the app settings that <c>%Setting%</c>
    /// in function.json resolves against (before the LocalHost's own environment), as app settings do in Azure.
    /// </summary>
    public IDictionary<string, string?> HandlerEnvironment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>The HTTP listen URL. Port 0 picks a free port; read <see cref="LocalFunctionsHost.BaseAddress"/>.</summary>
    public Uri ListenUrl { get; init; } = new("http://127.0.0.1:7071");

    /// <summary>The handler's port. Null picks a free loopback port.</summary>
    public int? HandlerPort { get; init; }

    /// <summary>Azure Storage connection string (Azurite) for the Service Bus stand-in and storage queues.</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>Service Bus's default MaxDeliveryCount.</summary>
    public int DefaultMaxDeliveryCount { get; init; } = 10;

    /// <summary>
    /// Max delivery count per entity, keyed by queue name or <c>{topic}/Subscriptions/{subscription}</c>
    /// (see <see cref="ServiceBusQueueNames.SubscriptionPath"/>).
    /// </summary>
    public IDictionary<string, int> MaxDeliveryCounts { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a failed message stays invisible before it is delivered again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a trigger waits before polling an empty queue again.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Subscriptions that exist in the namespace but have no trigger function in this app (topic fan-out reaches them too).</summary>
    public IList<TopicSubscription> ExtraSubscriptions { get; init; } = [];

    /// <summary>
    /// The topic routing file (duplicate detection window, subscription filters; <see cref="ServiceBusTopicRules"/>).
    /// Null: <c>infra/modules/citizen-events-routing.json</c> under the script root when it exists, else no rules.
    /// </summary>
    public string? ServiceBusRulesFile { get; init; }

    /// <summary>How long to wait for the handler's first HTTP answer (the host's default is 30 s).</summary>
    public TimeSpan HandlerStartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The wait before restarting a handler that exited or was killed, doubled for each further failure in
    /// <see cref="HandlerErrorWindow"/> (capped at 30 s). The real host restarts at once and leaves back-off to the
    /// platform, which restarts the whole host once it gives up; a local loop needs its own.
    /// </summary>
    public TimeSpan HandlerRestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Failures within <see cref="HandlerErrorWindow"/> after which the LocalHost gives up and stops, as the real host
    /// stops itself after its third worker error in 30 minutes (<c>HttpFunctionInvocationDispatcher</c>).
    /// </summary>
    public int HandlerRestartLimit { get; init; } = 3;

    /// <summary>A failure more than this after the previous one starts a fresh count (the host's 30 minutes).</summary>
    public TimeSpan HandlerErrorWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The host version reported to the handler in headers.</summary>
    public string HostVersion { get; init; } = "4.1000.0.0";
}
