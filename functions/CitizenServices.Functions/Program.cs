using CitizenServices.Functions.Hosting;

// The Functions host starts this process with --urls http://127.0.0.1:%FUNCTIONS_CUSTOMHANDLER_PORT%
// and talks to it over loopback: proxied HTTP for the API, POST /{FunctionName} for everything else.
var builder = WebApplication.CreateBuilder(args);
builder.AddCitizenServices();

var app = builder.Build();
app.UseCitizenServices();
app.Run();

/// <summary>Entry point, public for <c>WebApplicationFactory</c> in the integration tests.</summary>
public partial class Program;
