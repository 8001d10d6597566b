using System.Net;
using CitizenServices.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
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
}
