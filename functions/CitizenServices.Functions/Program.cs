using CitizenServices.Functions.Backup;
using CitizenServices.Functions.Hosting;
using CitizenServices.Functions.Time;

// Before anything reads Europe/Oslo: resolve it from the host or the bundled copy, or refuse to start.
var timeZoneSource = TimeZoneGuard.EnsureEuropeOslo();

// An operator's table restore (docs/deployment.md, "Backup and restore"), run with the executable the package deploys.
if (args is [RestoreCommand.Verb, ..])
{
    return await RestoreCommand.RunAsync(args, Console.Out, CancellationToken.None);
}

// The Functions host starts this process with --urls http://127.0.0.1:%FUNCTIONS_CUSTOMHANDLER_PORT%
// and talks to it over loopback: proxied HTTP for the API, POST /{FunctionName} for everything else.
// The host starts the process in the script root, not next to the executable, so appsettings and the
// seed files are found relative to the executable instead of the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddCitizenServices();

var app = builder.Build();
app.Logger.LogInformation("Europe/Oslo time zone data: {TimeZoneSource}.", timeZoneSource);
app.UseCitizenServices();
await app.RunAsync();
return 0;

/// <summary>Entry point, public for <c>WebApplicationFactory</c> in the integration tests.</summary>
public partial class Program;
