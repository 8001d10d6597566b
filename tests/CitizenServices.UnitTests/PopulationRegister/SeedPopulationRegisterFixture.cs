using CitizenServices.Application.PopulationRegister;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.PopulationRegister;

namespace CitizenServices.UnitTests.PopulationRegister;

/// <summary>The committed seed file as copied to the test output by the Infrastructure project, loaded once.</summary>
public sealed class SeedPopulationRegisterFixture
{
    public static string SeedFilePath { get; } = new PopulationRegisterOptions().ResolveSeedFilePath();

    public SeedFilePopulationRegister Register { get; } = SeedFilePopulationRegister.Load(SeedFilePath);

    public IReadOnlyList<RegisteredPerson> People => Register.People;

    public RegisteredPerson Person(string id) =>
        People.Single(person => person.Id == NationalIdentityNumber.Parse(id));

    public RegisteredPerson? Find(NationalIdentityNumber id) => People.SingleOrDefault(person => person.Id == id);
}
