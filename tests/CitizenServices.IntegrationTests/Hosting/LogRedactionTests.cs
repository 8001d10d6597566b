using CitizenServices.Functions.Observability;
using Microsoft.Extensions.Logging;
namespace CitizenServices.IntegrationTests.Hosting;

/// <summary>Rule: never log a full national identity number; mask it to birth date + *****.</summary>
public sealed class LogRedactionTests
{
    // A synthetic test number from the committed seed (month + 80).
    private const string Masked = "148385*****";

    private readonly CapturingLoggerProvider _capture = new();
    private readonly ILogger _logger;

    public LogRedactionTests()
    {
        var inner = LoggerFactory.Create(b => b.AddProvider(_capture).SetMinimumLevel(LogLevel.Trace));
        _logger = new RedactingLoggerFactory(inner).CreateLogger("test");
    }

    [Fact]
    public void Log_WhenMessageTemplateValueIsANumber_MasksMessageAndStructuredValue()
    {
        _logger.LogInformation("Looked up {Person}", Seed.KariMother);

        var entry = Assert.Single(_capture.Entries);
        Assert.Equal($"Looked up {Masked}", entry.Message);
        Assert.Equal(Masked, entry.State["Person"]);
        Assert.Equal("Looked up {Person}", entry.State["{OriginalFormat}"]);
    }

    [Fact]
    public void Log_WhenNumberIsInsideFreeText_MasksIt()
    {
        _logger.LogWarning("Upstream said: person " + Seed.KariMother + " not found");

        var entry = Assert.Single(_capture.Entries);
        Assert.DoesNotContain(Seed.KariMother, entry.Message, StringComparison.Ordinal);
        Assert.Contains(Masked, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_WhenValueIsAnObjectRenderingTheNumber_MasksTheRenderedValue()
    {
        _logger.LogInformation("Request {Request}", new Rendered($"subject={Seed.KariMother}"));

        var entry = Assert.Single(_capture.Entries);
        Assert.Equal($"subject={Masked}", entry.State["Request"]);
        Assert.DoesNotContain(Seed.KariMother, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BeginScope_WhenScopeCarriesTheNumber_MasksIt()
    {
        using (_logger.BeginScope(new Dictionary<string, object> { ["Subject"] = Seed.KariMother }))
        {
            _logger.LogInformation("inside");
        }

        var entry = Assert.Single(_capture.Entries);
        Assert.Equal(Masked, entry.Scope["Subject"]);
    }

    [Fact]
    public void Log_WhenElevenDigitsAreNotAValidNumber_LeavesThemAlone()
    {
        _logger.LogInformation("Order {Order}", "12345678901");

        var entry = Assert.Single(_capture.Entries);
        Assert.Equal("Order 12345678901", entry.Message);
    }

    [Fact]
    public void NationalIdentityNumber_WhenLoggedAsValue_IsMasked()
    {
        _logger.LogInformation("Value {Value}", NationalIdentityNumber.Parse(Seed.KariMother));

        var entry = Assert.Single(_capture.Entries);
        Assert.Equal($"Value {Masked}", entry.Message);
    }

    private sealed record Rendered(string Text)
    {
        public override string ToString() => Text;
    }
}
