using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenServices.LocalHost;

/// <summary>
/// A local stand-in for the Azure Functions host running a custom handler: reads host.json and function.json,
/// starts the handler, serves HTTP, runs timers, and stands in for Service Bus with Azure Storage queues.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly LocalHostOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _triggers = [];
    private HandlerProcess? _handlerProcess;
    private HandlerClient? _handlerClient;
    private WebApplication? _web;
    private HttpFrontDoor? _frontDoor;
    private LocalServiceBus? _serviceBus;
    private LocalServiceBusIngress? _serviceBusIngress;
    private Uri? _baseAddress;
    private bool _started;

    public LocalFunctionsHost(LocalHostOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<LocalFunctionsHost>();
    }

    /// <summary>host.json as read at start.</summary>
    public HostDefinition? Host { get; private set; }

    /// <summary>Every function found, enabled or not.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; private set; } = [];

    /// <summary>Where the HTTP functions are served, e.g. http://127.0.0.1:7071/.</summary>
    public Uri BaseAddress => _baseAddress ?? throw NotStarted();

    public int HandlerPort => _handlerProcess?.Port ?? throw NotStarted();

    /// <summary>The running handler's process id; null while it is being restarted.</summary>
    public int? HandlerProcessId => (_handlerProcess ?? throw NotStarted()).ProcessId;

    /// <summary>The handler's restarts so far (it is restarted when it exits or is killed, as the Functions host does).</summary>
    public IReadOnlyList<HandlerRestart> HandlerRestarts => (_handlerProcess ?? throw NotStarted()).Restarts;

    /// <summary>
    /// Completes, with the reason, when the handler failed <see cref="LocalHostOptions.HandlerRestartLimit"/> times within
    /// <see cref="LocalHostOptions.HandlerErrorWindow"/>: the real host then stops itself, and so should whoever runs this.
    /// </summary>
    public Task<string> HandlerGaveUp => (_handlerProcess ?? throw NotStarted()).GaveUp;

    /// <summary>The Service Bus stand-in, to send messages in and read dead letters.</summary>
    public LocalServiceBus ServiceBus => _serviceBus ?? throw NotStarted();

    /// <summary>
    /// Where senders reach the Service Bus stand-in over HTTP (the REST API's send operations); the handler gets it as
    /// <c>Events__Publisher__LocalBusUri</c> unless its settings name another.
    /// </summary>
    public Uri ServiceBusAddress => _serviceBusIngress?.Address ?? throw NotStarted();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            throw new InvalidOperationException("The LocalHost is already started.");
        }

        _started = true;
        var scriptRoot = Path.GetFullPath(_options.ScriptRoot);
        Host = FunctionAppReader.ReadHost(scriptRoot);
        Functions = FunctionAppReader.ReadFunctions(Path.GetFullPath(_options.FunctionsRoot ?? scriptRoot), ResolveSetting);
        var enabled = Functions.Where(f => !f.Disabled && !DisabledBySetting(f)).ToList();
        foreach (var function in Functions.Except(enabled))
        {
            _logger.LogInformation("{Function} is disabled", function.Name);
        }

        // Validate everything before any process starts, so configuration errors surface alone.
        foreach (var timer in enabled.Where(f => f.Trigger.Is("timerTrigger")))
        {
            TimerTrigger.ParseSchedule(timer);
        }

        var subscriptions = Functions
            .Select(f => f.Trigger)
            .Where(t => t.Is("serviceBusTrigger") && t.GetString("topicName") is not null)
            .Select(t => new TopicSubscription(t.GetString("topicName")!, t.GetString("subscriptionName")!))
            .Concat(_options.ExtraSubscriptions)
            .ToList();
        _serviceBus = new LocalServiceBus(
            _options.StorageConnectionString, subscriptions, _loggerFactory.CreateLogger<LocalServiceBus>(), ReadServiceBusRules(scriptRoot));

        // Create every subscription's queue up front: a topic message sent before its listener starts must not be lost.
        foreach (var subscription in subscriptions)
        {
            await _serviceBus.GetQueueAsync(ServiceBusQueueNames.ForSubscription(subscription.Topic, subscription.Subscription), cancellationToken);
        }

        // Before the handler, so it starts knowing where to publish.
        _serviceBusIngress = await LocalServiceBusIngress.StartAsync(_serviceBus, _loggerFactory.CreateLogger<LocalServiceBusIngress>(), cancellationToken);
        _options.HandlerEnvironment.TryAdd(LocalBusSetting, _serviceBusIngress.Address.ToString());

        _handlerProcess = await HandlerProcess.StartAsync(
            _options, Host, scriptRoot, _loggerFactory.CreateLogger("Host.Handler"), cancellationToken);
        _handlerClient = new HandlerClient(
            _handlerProcess.Port, Host.FunctionTimeout, _options.HostVersion, _loggerFactory, _handlerProcess.WaitUntilReadyAsync);
        var outputs = new OutputRouter(_serviceBus, _loggerFactory.CreateLogger<OutputRouter>());

        await StartHttpAsync(enabled, outputs, cancellationToken);

        var lockDuration = Host.FunctionTimeout + TimeSpan.FromMinutes(1);
        foreach (var function in enabled)
        {
            var logger = _loggerFactory.CreateLogger($"Host.Triggers.{function.Name}");
            var trigger = function.Trigger;
            Func<CancellationToken, Task>? run = null;
            if (trigger.Is("serviceBusTrigger"))
            {
                run = new ServiceBusTriggerListener(
                    function, _serviceBus, _handlerClient, outputs, _options, lockDuration, 16, logger).RunAsync;
            }
            else if (trigger.Is("timerTrigger"))
            {
                run = TimerTrigger.Create(function, _handlerClient, outputs, logger).RunAsync;
            }

            if (run is not null)
            {
                _triggers.Add(Task.Run(() => run(_stopping.Token), CancellationToken.None));
            }
        }

        _logger.LogInformation(
            "LocalHost started: {Count} function(s), HTTP on {BaseAddress}, handler on port {Port}",
            enabled.Count, _baseAddress, _handlerProcess.Port);
    }

    private async Task StartHttpAsync(IReadOnlyList<FunctionDefinition> functions, OutputRouter outputs, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddRouting();
        builder.WebHost.UseUrls(_options.ListenUrl.ToString());
        var web = builder.Build();
        var frontDoor = _frontDoor = new HttpFrontDoor(
            functions,
            Host!,
            _handlerClient!,
            outputs,
            _handlerProcess!.Port,
            _handlerProcess.WaitUntilReadyAsync,
            web.Services.GetRequiredService<IInlineConstraintResolver>(),
            _loggerFactory.CreateLogger<HttpFrontDoor>());
        web.Run(frontDoor.HandleAsync);
        await web.StartAsync(cancellationToken);
        _web = web;

        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? _options.ListenUrl.ToString();
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        try
        {
            await Task.WhenAll(_triggers).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Triggers did not stop within 30 s");
        }

        _triggers.Clear();
        if (_web is not null)
        {
            await _web.StopAsync(cancellationToken);
            await _web.DisposeAsync();
            _web = null;
        }

        _frontDoor?.Dispose();
        _frontDoor = null;

        if (_serviceBusIngress is not null)
        {
            await _serviceBusIngress.DisposeAsync();
            _serviceBusIngress = null;
        }

        _handlerClient?.Dispose();
        _handlerClient = null;
        if (_handlerProcess is not null)
        {
            await _handlerProcess.DisposeAsync();
            _handlerProcess = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    /// <summary>The handler's setting for the stand-in's address (<c>EventPublisherOptions.LocalBusUri</c>).</summary>
    public const string LocalBusSetting = "Events__Publisher__LocalBusUri";

    private ServiceBusTopicRules ReadServiceBusRules(string scriptRoot)
    {
        var path = _options.ServiceBusRulesFile ?? Path.Combine(scriptRoot, "infra", "modules", "citizen-events-routing.json");
        if (_options.ServiceBusRulesFile is null && !File.Exists(path))
        {
            return ServiceBusTopicRules.None;
        }

        var rules = ServiceBusTopicRules.Read(path);
        _logger.LogInformation("Service Bus stand-in: duplicate detection and subscription filters from {Path}", path);
        return rules;
    }

    /// <summary>App settings: the handler's extra environment first, then the LocalHost's own environment.</summary>
    private string? ResolveSetting(string name) =>
        _options.HandlerEnvironment.TryGetValue(name, out var value) && value is not null
            ? value
            : Environment.GetEnvironmentVariable(name);

    // The host's per-function switch: app setting AzureWebJobs.<Function>.Disabled = true.
    private bool DisabledBySetting(FunctionDefinition function) =>
        bool.TryParse(ResolveSetting($"AzureWebJobs.{function.Name}.Disabled"), out var disabled) && disabled;

    private static InvalidOperationException NotStarted() => new("The LocalHost has not been started.");
}
