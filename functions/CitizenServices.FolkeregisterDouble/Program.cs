using CitizenServices.FolkeregisterDouble;

// Folkeregisteret and Maskinporten's token endpoint for a local run: `dotnet run --project functions/CitizenServices.FolkeregisterDouble -- --urls http://127.0.0.1:7075`.
await RegisterDoubleApp.Build(args).RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory-style hosting in tests.</summary>
public partial class Program;
