using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CitizenServices.Testing;

namespace CitizenServices.LocalHost.Tests;

/// <summary>
/// Rule: like the Functions host, the LocalHost restarts a handler that exits or is killed, on the same port, waiting a
/// doubling delay before each counted restart; exit code 200 asks for a restart that does not count; at the third failure
/// within the window it gives up, as the host stops itself. Requests and invocations arriving during a restart wait for the
/// handler, as the host holds them until its worker answers. Each test starts its own host (they kill its handler).
/// </summary>
public sealed class HandlerRestartTests
{
    private static readonly TimeSpan Restarted = TimeSpan.FromSeconds(30);

    private static async Task<int> PidAsync(TestAppHost app)
    {
        using var response = await app.Http.GetAsync(new Uri("api/pid", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(await response.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture);
    }

    private static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill(); // SIGKILL on Linux: no chance to clean up, exit code 137
        process.WaitForExit(10_000);
    }

    /// <summary>Waits until the host reports <paramref name="count"/> restarts and the handler answers again.</summary>
    private static async Task<int> WaitForRestartAsync(TestAppHost app, int count)
    {
        var deadline = DateTime.UtcNow + Restarted;
        while (DateTime.UtcNow < deadline)
        {
            if (app.Host.HandlerRestarts.Count >= count && app.Host.HandlerProcessId is { } pid)
            {
                // Served through the front door, which holds the request until the restarted handler answers.
                return await PidAsync(app);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The handler was not restarted {count} time(s) within {Restarted.TotalSeconds} s.");
    }

    [Fact]
    public async Task Handler_WhenKilledWithSigkill_IsRestartedOnTheSamePortAndServesAgain()
    {
        await using var app = await TestAppHost.StartAsync(restartDelay: TimeSpan.FromMilliseconds(100));
        var port = app.Host.HandlerPort;
        var first = await PidAsync(app);
        Assert.Equal(first, app.Host.HandlerProcessId);

        Kill(first);
        var second = await WaitForRestartAsync(app, 1);

        Assert.NotEqual(first, second);
        Assert.Equal(port, app.Host.HandlerPort);
        var restart = Assert.Single(app.Host.HandlerRestarts);
        Assert.Equal(137, restart.ExitCode);
        Assert.True(restart.Counted);
        using var echo = await app.Http.PostAsync(new Uri("api/echo/after-restart", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, echo.StatusCode);
    }

    [Fact]
    public async Task Handler_WhenItExitsWithAnErrorCode_IsRestartedAndTheDelayDoublesForTheNextFailure()
    {
        await using var app = await TestAppHost.StartAsync(restartDelay: TimeSpan.FromMilliseconds(100), restartLimit: 5);

        using (var exit = await app.Http.PostAsync(new Uri("api/exit/3", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, exit.StatusCode);
        }

        await WaitForRestartAsync(app, 1);
        Kill(app.Host.HandlerProcessId!.Value);
        await WaitForRestartAsync(app, 2);

        var restarts = app.Host.HandlerRestarts;
        Assert.Equal([3, 137], restarts.Select(r => r.ExitCode));
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], restarts.Select(r => r.Delay));
    }

    [Fact]
    public async Task Handler_WhenItExitsWithTheIntentionalRestartCode_IsRestartedAtOnceWithoutCountingAFailure()
    {
        await using var app = await TestAppHost.StartAsync(restartDelay: TimeSpan.FromMilliseconds(100), restartLimit: 1);

        using (var exit = await app.Http.PostAsync(new Uri("api/exit/200", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, exit.StatusCode);
        }

        await WaitForRestartAsync(app, 1);

        var restart = Assert.Single(app.Host.HandlerRestarts);
        Assert.Equal(200, restart.ExitCode);
        Assert.False(restart.Counted);
        Assert.Equal(TimeSpan.Zero, restart.Delay);
        Assert.False(app.Host.HandlerGaveUp.IsCompleted);
    }

    [Fact]
    public async Task Handler_WhenItFailsTheThirdTimeWithinTheWindow_TheHostGivesUpAsTheFunctionsHostStopsItself()
    {
        await using var app = await TestAppHost.StartAsync(restartDelay: TimeSpan.FromMilliseconds(50));

        Kill(await PidAsync(app));
        await WaitForRestartAsync(app, 1);
        Kill(app.Host.HandlerProcessId!.Value);
        await WaitForRestartAsync(app, 2);
        Kill(app.Host.HandlerProcessId!.Value);

        var reason = await app.Host.HandlerGaveUp.WaitAsync(Restarted);
        Assert.Contains("3 times", reason, StringComparison.Ordinal);
        Assert.Equal(2, app.Host.HandlerRestarts.Count);
        Assert.Null(app.Host.HandlerProcessId);
    }

    [Fact]
    public async Task Invocation_WhileTheHandlerRestarts_WaitsForItAndTheMessageIsDelivered()
    {
        // The host holds invocations while its worker restarts; should one fail anyway, it is delivered again, so allow
        // enough deliveries to outlast a slow restart on a busy machine: the point is that none is lost.
        await using var app = await TestAppHost.StartAsync(
            maxDeliveryCounts: new Dictionary<string, int> { ["EchoInQueue"] = 100 }, restartDelay: TimeSpan.FromMilliseconds(500));
        Kill(await PidAsync(app));

        await app.ServiceBus.SendToQueueAsync(app.Setting("EchoInQueue"), new LocalServiceBusMessage(BinaryData.FromString("""{"n":1}""")) { MessageId = "during-restart" });

        var output = await Eventually.WaitAsync(
            () => app.ServiceBus.PeekAsync(ServiceBusQueueNames.ForQueue(app.Setting("EchoOutQueue"))), m => m.Count == 1);
        var echoed = JsonNode.Parse(output[0].BodyAsString())!;
        Assert.Equal("\"during-restart\"", echoed["messageId"]!.GetValue<string>());
        Assert.Equal(1, echoed["echoed"]!["n"]!.GetValue<int>());
        Assert.Empty(await app.ServiceBus.PeekAsync(ServiceBusQueueNames.DeadLetterForQueue(app.Setting("EchoInQueue"))));
    }
}
