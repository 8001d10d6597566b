namespace CitizenServices.IntegrationTests.Identity;

/// <summary>A person the identity tests make up on purpose; the seeded people are in <c>CitizenServices.Testing.Seed</c>.</summary>
internal static class People
{
    /// <summary>A valid synthetic number (month + 80) of nobody in the register.</summary>
    public const string Nobody = "01897510150";
}
