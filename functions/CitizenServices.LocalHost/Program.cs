using CitizenServices.LocalHost;
using Microsoft.Extensions.Options;

// A stand-in for `func start`: reads host.json and function.json, starts the custom handler and runs its triggers.
// Example: dotnet run --project functions/CitizenServices.LocalHost -- --script-root . --storage "UseDevelopmentStorage=true"
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, LocalHostConfiguration.SwitchMappings.ToDictionary());

// The handler's own request logs are forwarded line by line; the front door's per-request logs would only repeat them.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.AddSingleton(Options.Create(LocalHostConfiguration.Create(builder.Configuration)));
builder.Services.AddSingleton(sp => new LocalFunctionsHost(
    sp.GetRequiredService<IOptions<LocalHostOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
builder.Services.AddHostedService<LocalHostService>();
await builder.Build().RunAsync();
