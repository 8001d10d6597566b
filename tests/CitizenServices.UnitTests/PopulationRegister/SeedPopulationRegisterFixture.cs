namespace CitizenServices.UnitTests.PopulationRegister;

/// <summary>The committed seed file as copied to the test output by the Infrastructure project, loaded once.</summary>
public sealed class SeedPopulationRegisterFixture
{
    public static string SeedFilePath { get; } = new PopulationRegisterOptions().ResolveSeedFilePath();

    // Loaded as of the date the scenarios are written for, so the infants (born relative to the day of loading) are born
    // before every fixed date the tests ask about, whatever day the tests run.
    public SeedFilePopulationRegister Register { get; } = SeedFilePopulationRegister.Load(SeedFilePath, new DateOnly(2026, 12, 1));

    public IReadOnlyList<RegisteredPerson> People => Register.People;

    public RegisteredPerson Person(string id) =>
        People.Single(person => person.Id == NationalIdentityNumber.Parse(id));

    public RegisteredPerson? Find(NationalIdentityNumber id) => People.SingleOrDefault(person => person.Id == id);
}
