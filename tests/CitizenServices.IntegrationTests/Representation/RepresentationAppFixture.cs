namespace CitizenServices.IntegrationTests.Representation;

/// <summary>The real handler with a clock each test sets to the date its scenario needs; nothing is written but the access log.</summary>
public sealed class RepresentationAppFixture() : ClockedAppFixture(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));
