namespace CitizenServices.IntegrationTests.Nettlege;

/// <summary>
/// The nettlege test classes share pilots (one per municipality) and seed people's triage, so they run one at a time.
/// Every class that runs the Housekeeping timer joins them: one run works on everything in storage (it generates every
/// pilot's slots, sends every due reminder and expiry notice once), so two classes running it in parallel take each
/// other's work and see the other's writes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NettlegeTests
{
    public const string Name = "Nettlege";
}
