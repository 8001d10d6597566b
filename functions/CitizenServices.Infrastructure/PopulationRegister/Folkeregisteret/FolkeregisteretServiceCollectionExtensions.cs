using Altinn.ApiClients.Maskinporten.Config;
using Altinn.ApiClients.Maskinporten.Extensions;
using Altinn.ApiClients.Maskinporten.Interfaces;
using Altinn.ApiClients.Maskinporten.Services;
using CitizenServices.Infrastructure.Authorization;
using CitizenServices.Infrastructure.PopulationRegister.Replica;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CitizenServices.Infrastructure.PopulationRegister.Folkeregisteret;

public static class FolkeregisteretServiceCollectionExtensions
{
    public const string HttpClientName = "folkeregisteret";
    public const string MaskinportenHttpClientName = "maskinporten";

    /// <summary>
    /// The population register as this service reads it: the replica in table <c>people</c> behind
    /// <see cref="IPopulationRegister"/>, the enforcement point's one-query read (<see cref="ISubjectRecords"/>), and, when
    /// <c>PopulationRegister:Folkeregisteret:BaseAddress</c> is set, the register client the follower reads the feed with
    /// (Maskinporten token, retries with jitter honouring Retry-After, circuit breaker, timeouts).
    /// </summary>
    public static IServiceCollection AddPopulationRegisterReplica(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new FolkeregisteretOptions();
        configuration.GetSection(FolkeregisteretOptions.SectionName).Bind(options);
        services.TryAddSingleton(options);
        services.AddGuardianshipIndex();
        services.TryAddSingleton(provider => new TableRegisterReplica(
            provider.GetRequiredService<TableStore>().Table(StorageNames.Tables.People),
            provider.GetRequiredService<TableStore>().Table(StorageNames.Tables.Inbox),
            provider.GetRequiredService<RepresentedIndex>()));
        services.TryAddSingleton<IPopulationRegister>(provider => provider.GetRequiredService<TableRegisterReplica>());
        services.TryAddSingleton<IRegisterReplica>(provider => provider.GetRequiredService<TableRegisterReplica>());
        services.TryAddScoped<ISubjectRecords>(provider => new TableSubjectRecords(provider.GetRequiredService<TableStore>().Table(StorageNames.Tables.People)));
        services.AddMetrics();
        services.TryAddSingleton<RegisterFeedLag>();
        if (!string.IsNullOrWhiteSpace(options.BaseAddress))
        {
            AddClient(services, options);
        }

        return services;
    }

    private static void AddClient(IServiceCollection services, FolkeregisteretOptions options)
    {
        var maskinporten = options.Maskinporten;
        var settings = new MaskinportenSettings
        {
            ClientId = maskinporten.ClientId,
            Scope = maskinporten.Scope,
            Environment = maskinporten.Environment,
            EncodedJwk = maskinporten.EncodedJwk ?? (string.IsNullOrWhiteSpace(maskinporten.JwkFile)
                ? null
                : Convert.ToBase64String(Encoding.UTF8.GetBytes(File.ReadAllText(
                    Path.IsPathRooted(maskinporten.JwkFile) ? maskinporten.JwkFile : Path.Combine(AppContext.BaseDirectory, maskinporten.JwkFile))))),
        };

        // The library's token service, on an HttpClient of our own: in a local run and in tests its token request goes to
        // the register double instead of Maskinporten (the grant is signed exactly as for Maskinporten).
        var tokens = services.AddHttpClient(MaskinportenHttpClientName);
        if (maskinporten.TokenEndpoint is { Length: > 0 } endpoint)
        {
            tokens.AddHttpMessageHandler(() => new TokenEndpointRedirect(new Uri(endpoint)));
        }

        services.TryAddSingleton<IMaskinportenService>(provider => new MaskinportenService(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(MaskinportenHttpClientName),
            provider.GetRequiredService<ILogger<MaskinportenService>>(),
            provider.GetRequiredService<ITokenCacheProvider>()));
        services.RegisterMaskinportenClientDefinition<SettingsJwkClientDefinition>(HttpClientName, settings);

        services.AddHttpClient<FolkeregisterClient>(HttpClientName, client => client.BaseAddress = new Uri(options.BaseAddress!))
            .AddMaskinportenHttpMessageHandler<SettingsJwkClientDefinition>(HttpClientName)
            .AddResilienceHandler("folkeregisteret-pipeline", builder =>
            {
                // Outermost: the whole call, retries included, has a limit.
                builder.AddTimeout(options.TotalTimeout);

                // Transient faults (5xx, 408, 429, connection failures, attempt timeouts) are retried with exponential backoff
                // and jitter; a Retry-After from the register (429) is honoured instead of the computed delay.
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    ShouldRetryAfterHeader = true,
                });

                // A register that keeps failing is left alone for a while: the run fails fast and the next timer run tries again.
                builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 8,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = TimeSpan.FromSeconds(30),
                });

                // Innermost: one attempt that hangs (a page that stops mid-way) is cut off and retried.
                builder.AddTimeout(options.AttemptTimeout);
            });
        services.TryAddTransient<IRegisterFeedSource>(provider => provider.GetRequiredService<FolkeregisterClient>());
    }

    /// <summary>Sends the Maskinporten token request to another endpoint (the double), keeping everything else.</summary>
    private sealed class TokenEndpointRedirect(Uri endpoint) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = endpoint;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
