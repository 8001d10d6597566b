using CitizenServices.LocalHost;
using Microsoft.Extensions.Time.Testing;

namespace CitizenServices.LocalHost.Tests;

/// <summary>What the stand-in does in Service Bus's place: duplicate detection by MessageId and filters on the subject.</summary>
public sealed class ServiceBusTopicRulesTests
{
    private static ServiceBusTopicRules Rules(TimeProvider time) => new(
        [new TopicRule("citizen-events", TimeSpan.FromMinutes(10), new Dictionary<string, IReadOnlySet<string>>
        {
            ["fastlege"] = new HashSet<string>(StringComparer.Ordinal) { "nettlege-consultation.completed" },
        })],
        time);

    [Fact]
    public void TryAccept_WhenTheSameMessageIdComesWithinTheWindow_DropsIt_AndTakesItAgainAfterTheWindow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var rules = Rules(time);

        Assert.True(rules.TryAccept("citizen-events", "e-1"));
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.False(rules.TryAccept("CITIZEN-EVENTS", "e-1"));
        Assert.True(rules.TryAccept("citizen-events", "e-2"));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(rules.TryAccept("citizen-events", "e-1"));
    }

    [Fact]
    public void Forget_WhenTheSendFailedAfterAcceptance_LetsTheRetryThrough()
    {
        var rules = Rules(TimeProvider.System);

        Assert.True(rules.TryAccept("citizen-events", "e-1"));
        rules.Forget("citizen-events", "e-1");

        Assert.True(rules.TryAccept("citizen-events", "e-1"));
    }

    [Fact]
    public void Matches_WhenTheSubscriptionIsListed_TakesOnlyItsSubjects_AndUnlistedSubscriptionsTakeEverything()
    {
        var rules = Rules(TimeProvider.System);

        Assert.True(rules.Matches("citizen-events", "fastlege", "nettlege-consultation.completed"));
        Assert.False(rules.Matches("citizen-events", "fastlege", "fullmakt.granted"));
        Assert.False(rules.Matches("citizen-events", "fastlege", null));
        Assert.True(rules.Matches("citizen-events", "observer", "fullmakt.granted"));
        Assert.True(rules.Matches("other-topic", "fastlege", null));
    }

    [Fact]
    public void Read_WhenGivenTheRepositorysRoutingFile_HasTheDeployedWindowAndFilters()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CitizenServices.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        }

        var rules = ServiceBusTopicRules.Read(Path.Combine(root, "infra", "modules", "citizen-events-routing.json"));

        var topic = Assert.Single(rules.Topics);
        Assert.Equal("citizen-events", topic.Topic);
        Assert.Equal(TimeSpan.FromMinutes(10), topic.DuplicateDetectionWindow);
        Assert.Equal(["nettlege-consultation.completed"], topic.SubjectFilters["fastlege"]);
        Assert.Contains("fullmakt.granted", topic.SubjectFilters["notifications"]);
        Assert.DoesNotContain("care-relation-command.rejected", topic.SubjectFilters["notifications"]);
    }
}
