using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CitizenServices.IntegrationTests.Api;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Startup_WhenApplicationInsightsIsConfigured_RegistersOpenTelemetryAndServes()
    {
        // An ingestion endpoint nobody listens on: the exporter buffers and gives up; the app must not care.
        await using var factory = await new CitizenServicesFactory()
            .With("APPLICATIONINSIGHTS_CONNECTION_STRING",
                "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")
            .StartAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Startup_WhenApplicationInsightsIsNotConfigured_RegistersNoTracer()
    {
        await using var factory = await new CitizenServicesFactory().StartAsync();

        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Metrics_FromTheCitizenServicesMeter_ReachTheMetricsPipeline()
    {
        // The outbox and register-feed lag alerts query instruments of this meter in Application Insights: the meter must
        // be registered with the pipeline the Azure Monitor exporter reads, and other meters must not ride along.
        var exported = new ConcurrentBag<string>();
        await using var factory = await new CitizenServicesFactory
        {
            ConfigureServices = services => services.ConfigureOpenTelemetryMeterProvider(
                b => b.AddReader(new BaseExportingMetricReader(new CollectingExporter(exported)))),
        }
            .With("APPLICATIONINSIGHTS_CONNECTION_STRING",
                "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")
            .StartAsync();
        var provider = factory.Services.GetRequiredService<MeterProvider>();
        using var ours = new Meter(Telemetry.MeterName);
        using var theirs = new Meter("SomeLibrary");

        ours.CreateCounter<long>("citizen_services.test.pipeline_probe").Add(1);
        theirs.CreateCounter<long>("some_library.unregistered").Add(1);
        provider.ForceFlush();

        Assert.Contains("citizen_services.test.pipeline_probe", exported);
        Assert.DoesNotContain("some_library.unregistered", exported);
    }

    private sealed class CollectingExporter(ConcurrentBag<string> names) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                names.Add(metric.Name);
            }

            return ExportResult.Success;
        }
    }
}
