namespace CitizenServices.UnitTests.PopulationRegister;

/// <summary>A valid two-person seed file (a mother and her child) that each test breaks in one way.</summary>
public sealed class SeedFileBuilder
{

    private readonly JsonObject _parent = new()
    {
        ["id"] = Seed.KariMother,
        ["givenName"] = "Kari",
        ["familyName"] = "Nordmann",
        ["municipalityNumber"] = "0301",
        ["addressId"] = "adr-1",
        ["addressProtection"] = "none",
        ["description"] = "Mother.",
    };

    private readonly JsonObject _child = new()
    {
        ["id"] = Seed.EmmaUnder12,
        ["givenName"] = "Emma",
        ["familyName"] = "Nordmann",
        ["municipalityNumber"] = "0301",
        ["addressId"] = "adr-1",
        ["addressProtection"] = "none",
        ["parentsWithParentalResponsibility"] = new JsonArray(Seed.KariMother),
        ["description"] = "Child.",
    };

    public SeedFileBuilder Parent(Action<JsonObject> change)
    {
        change(_parent);
        return this;
    }

    public SeedFileBuilder Child(Action<JsonObject> change)
    {
        change(_child);
        return this;
    }

    public string ToJson() => new JsonObject
    {
        ["description"] = "Test seed.",
        ["people"] = new JsonArray(_parent, _child),
    }.ToJsonString();
}
