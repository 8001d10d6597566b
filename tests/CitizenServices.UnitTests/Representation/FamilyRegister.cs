namespace CitizenServices.UnitTests.Representation;

/// <summary>
/// A small population register for one scenario, loaded by the real seed-file adapter (not a mock), for cases
/// the committed seed does not hold (a deceased parent, a child with a protected address).
/// </summary>
internal sealed class FamilyRegister
{
    private readonly JsonArray _people = [];

    public NationalIdentityNumber Add(
        DateOnly born, string address, string protection = "none", string? deceasedOn = null, params NationalIdentityNumber[] parents)
    {
        var id = SyntheticPeople.BornOn(born, _people.Count);
        var person = new JsonObject
        {
            ["id"] = id.Value,
            ["givenName"] = "Person" + _people.Count,
            ["familyName"] = "Test",
            ["municipalityNumber"] = "0301",
            ["addressId"] = protection == "strictlyConfidential" ? null : address,
            ["addressProtection"] = protection,
            ["description"] = "Test person.",
        };
        if (parents.Length > 0)
        {
            person["parentsWithParentalResponsibility"] = new JsonArray(parents.Select(p => (JsonNode)p.Value).ToArray());
        }

        if (deceasedOn is not null)
        {
            person["deceasedOn"] = deceasedOn;
        }

        _people.Add(person);
        return id;
    }

    public SeedFilePopulationRegister Build() =>
        SeedFilePopulationRegister.Parse(new JsonObject { ["description"] = "Test family.", ["people"] = _people.DeepClone() }.ToJsonString(), "test");
}
