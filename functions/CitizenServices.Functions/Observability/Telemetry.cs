using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CitizenServices.Functions.Observability;

/// <summary>
/// Logging and telemetry. Console logs are JSON with scopes outside Development (the Functions host
/// captures stdout) and one compact line per entry in Development (<see cref="CompactConsoleFormatter"/>); every request
/// gets one line of its own (<see cref="RequestLog"/>). Traces, metrics and logs go to Application Insights through
/// OpenTelemetry only when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. Application Insights has local authentication off in
/// Azure, so the exporter authenticates with the app's managed identity.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "citizen-services";

    /// <summary>
    /// The app's own System.Diagnostics.Metrics meter. Its instruments reach Application Insights as customMetrics under
    /// their instrument names, where the alerts in infra/modules/alerts.bicep query them (outbox relay lag, register-feed
    /// lag): create instruments on a <c>new Meter(MeterName)</c>.
    /// </summary>
    public const string MeterName = "CitizenServices";
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ManagedIdentityClientIdSetting = "AZURE_CLIENT_ID";

    public static WebApplicationBuilder AddCitizenServicesTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddConsole(o => o.FormatterName = CompactConsoleFormatter.FormatterName)
                .AddConsoleFormatter<CompactConsoleFormatter, ConsoleFormatterOptions>();
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        var connectionString = builder.Configuration[ConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var clientId = builder.Configuration[ManagedIdentityClientIdSetting];
            Azure.Core.TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            void Configure(AzureMonitorExporterOptions o)
            {
                o.ConnectionString = connectionString;
                o.Credential = credential;
            }

            builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: AppVersion.Current))
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource("Azure.*").AddAzureMonitorTraceExporter(Configure))
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(MeterName).AddAzureMonitorMetricExporter(Configure));
            builder.Logging.AddOpenTelemetry(o =>
            {
                o.IncludeScopes = true;
                o.AddAzureMonitorLogExporter(Configure);
            });
        }

        builder.Services.AddRequestLogProblems();
        RedactingLoggerFactory.Register(builder.Services);
        return builder;
    }
}

/// <summary>The version this build reports (informational version, which carries the commit).</summary>
public static class AppVersion
{
    public static string Current { get; } =
        typeof(AppVersion).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion ?? "0.0.0";
}
