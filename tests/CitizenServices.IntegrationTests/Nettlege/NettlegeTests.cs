namespace CitizenServices.IntegrationTests.Nettlege;

/// <summary>
/// The nettlege test classes share pilots (one per municipality) and seed people's triage, so they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NettlegeTests
{
    public const string Name = "Nettlege";
}
