using CitizenServices.LocalHost;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

// A stand-in for `func start`: reads host.json and function.json, starts the custom handler and runs its triggers.
// Example: dotnet run --project functions/CitizenServices.LocalHost -- --script-root . --storage "UseDevelopmentStorage=true"
var builder = Host.CreateApplicationBuilder(args);

// Default log levels, first among the sources so that appsettings, environment and command line (for example
// --Logging:LogLevel:Function=Information) override them. The handler logs one line per request and per invocation
// itself and its lines are forwarded here, so the front door's per-request logs and the host's "Executing"/"Executed"
// pair per invocation would only repeat them (failed invocations are still logged, as errors); the LocalHost says
// where it listens in one line of its own.
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Function"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    },
});
builder.Configuration.AddCommandLine(args, LocalHostConfiguration.SwitchMappings.ToDictionary());
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
});
builder.Services.AddSingleton(Options.Create(LocalHostConfiguration.Create(builder.Configuration)));
builder.Services.AddSingleton(sp => new LocalFunctionsHost(
    sp.GetRequiredService<IOptions<LocalHostOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
builder.Services.AddHostedService<LocalHostService>();
await builder.Build().RunAsync();
