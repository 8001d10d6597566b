using System.Reflection;

namespace CitizenServices.UnitTests.PopulationRegister;

// The tests name seeded people through Seed; these keep Seed true to the committed seed file, so an edit of either that
// drops or renumbers a person the tests rely on fails here, with the name, instead of as a puzzling 403 somewhere else.
public sealed class SeedTests(SeedPopulationRegisterFixture seed) : IClassFixture<SeedPopulationRegisterFixture>
{
    private static readonly IReadOnlyList<(string Member, string Number)> Named = typeof(Seed)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (field.Name, (string)field.GetRawConstantValue()!))
        .ToList();

    [Fact]
    public void Seed_EveryNamedPerson_IsInTheCommittedSeedUnderTheGivenNameTheMemberStartsWith()
    {
        Assert.NotEmpty(Named);
        Assert.All(Named, named =>
        {
            var person = seed.Find(NationalIdentityNumber.Parse(named.Number));
            Assert.True(person is not null, $"Seed.{named.Member} ({named.Number}) is not in {SeedPopulationRegisterFixture.SeedFilePath}");
            Assert.True(
                named.Member.StartsWith(person.GivenName, StringComparison.Ordinal),
                $"Seed.{named.Member} is {person.GivenName} {person.FamilyName} in the seed file");
        });
    }

    [Fact]
    public void Seed_EveryNamedPerson_HasOneNameOnly()
    {
        var doubles = Named.GroupBy(named => named.Number).Where(group => group.Count() > 1).Select(group => string.Join(" = ", group.Select(n => n.Member)));

        Assert.Empty(doubles);
    }
}
