namespace CitizenServices.IntegrationTests.Identity;

/// <summary>Synthetic people used by the identity tests (the first three are in the committed seed).</summary>
internal static class People
{
    public const string Kari = "14838510036";
    public const string Ola = "02918320167";
    public const string Emma = "05861950001";

    /// <summary>A valid synthetic number of nobody in the register.</summary>
    public const string Nobody = "01897510150";
}
