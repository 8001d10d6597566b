namespace CitizenServices.UnitTests.PopulationRegister;

public sealed class SeedFileValidationTests
{
    private const string Source = "test-seed.json";
    private const string NotSyntheticButValid = "01018012371";

    [Fact]
    public void Parse_WhenMinimalFileIsValid_LoadsBothPeople()
    {
        var register = SeedFilePopulationRegister.Parse(new SeedFileBuilder().ToJson(), Source);

        Assert.Equal(2, register.People.Count);
    }

    [Fact]
    public void Parse_WhenIdHasAWrongControlDigit_NamesThePersonAndTheControlDigit()
    {
        var json = new SeedFileBuilder().Child(child => child["id"] = "05861950002").ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal(
            "people[1] (Emma Nordmann): id is not a valid national identity number: "
            + "The second control digit (position 11) does not match the first ten digits.",
            problem);
    }

    [Fact]
    public void Parse_WhenIdIsARealLookingNumber_IsRejectedBecauseTheSeedMustBeSynthetic()
    {
        var json = new SeedFileBuilder().Child(child => child["id"] = NotSyntheticButValid).ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Contains("people[1] (Emma Nordmann): id 010180***** is not a synthetic test number", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenParentReferenceDoesNotResolve_NamesTheField()
    {
        var json = new SeedFileBuilder()
            .Child(child => child["parentsWithParentalResponsibility"] = new JsonArray(Seed.OlaFather))
            .ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal(
            "people[1] (Emma Nordmann): parentsWithParentalResponsibility[0] (029183*****) does not match the id of any person in the file.",
            problem);
    }

    [Fact]
    public void Parse_WhenGuardianReferenceDoesNotResolve_NamesTheField()
    {
        var json = new SeedFileBuilder()
            .Parent(parent => parent["guardianships"] = new JsonArray(Guardianship(Seed.OlaFather, "health")))
            .ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal(
            "people[0] (Kari Nordmann): guardianships[0].guardianId (029183*****) does not match the id of any person in the file.",
            problem);
    }

    [Fact]
    public void Parse_WhenIdIsDuplicated_NamesTheFirstUse()
    {
        var json = new SeedFileBuilder().Child(child => child["id"] = Seed.KariMother).ToJson();

        var exception = Invalid(json);

        Assert.Contains("people[1] (Emma Nordmann): id 148385***** is already used by people[0].", exception.Problems);
    }

    [Fact]
    public void Parse_WhenGuardianshipHasUnknownScopeAndEndsBeforeItStarts_ReportsBoth()
    {
        var guardianship = Guardianship(Seed.KariMother, "medical");
        guardianship["validTo"] = "2019-12-31";
        var json = new SeedFileBuilder().Child(child => child["guardianships"] = new JsonArray(guardianship)).ToJson();

        var exception = Invalid(json);

        Assert.Equal(
            [
                "people[1] (Emma Nordmann): guardianships[0].scopes[0] 'medical' is not one of personal, health, financial.",
                "people[1] (Emma Nordmann): guardianships[0].validTo 2019-12-31 is before validFrom 2020-01-01.",
            ],
            exception.Problems);
        Assert.Contains("(2 problem(s))", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenStrictlyConfidentialPersonHasAnAddress_IsRejected()
    {
        var json = new SeedFileBuilder().Parent(parent => parent["addressProtection"] = "strictlyConfidential").ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Contains("addressId must be null for a strictly confidential address (code 6)", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("municipalityNumber", "301", "municipalityNumber must be four digits")]
    [InlineData("addressProtection", "secret", "addressProtection must be one of none, confidential, strictlyConfidential.")]
    [InlineData("givenName", " ", "givenName is required.")]
    [InlineData("description", "", "description is required.")]
    [InlineData("deceasedOn", "01.02.2020", "deceasedOn must be a date in the form yyyy-MM-dd.")]
    [InlineData("deceasedOn", "2010-01-01", "deceasedOn 2010-01-01 is before the birth date 2019-06-05.")]
    public void Parse_WhenAFieldBreaksItsRule_ReportsTheFieldAndRule(string field, string value, string expected)
    {
        var json = new SeedFileBuilder().Child(child => child[field] = value).ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenParentIsYoungerThanChild_IsRejected()
    {
        var json = new SeedFileBuilder()
            .Parent(parent => parent["parentsWithParentalResponsibility"] = new JsonArray(Seed.EmmaUnder12))
            .Child(child => child.Remove("parentsWithParentalResponsibility"))
            .ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Contains("parentsWithParentalResponsibility[0] (058619*****) is not born before the child.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenAFieldNameIsMisspelt_FailsInsteadOfDroppingIt()
    {
        var json = new SeedFileBuilder().Child(child => child["parentWithParentalResponsibility"] = new JsonArray()).ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Contains("parentWithParentalResponsibility", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"people\": [ ", "not readable as a seed file")]
    [InlineData("{ \"people\": [] }", "'people' is missing or empty.")]
    [InlineData("{}", "'people' is missing or empty.")]
    public void Parse_WhenFileIsNotASeedFile_SaysSo(string json, string expected)
    {
        var exception = Invalid(json);

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Population register seed file '{Source}' is invalid", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenRejected_NeverPrintsAFullNumber()
    {
        var json = new SeedFileBuilder()
            .Child(child =>
            {
                child["id"] = NotSyntheticButValid;
                child["parentsWithParentalResponsibility"] = new JsonArray(Seed.OlaFather);
            })
            .ToJson();

        var exception = Invalid(json);

        Assert.DoesNotContain(NotSyntheticButValid, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Seed.OlaFather, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenFileDoesNotExist_NamesThePathAndTheSetting()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var exception = Assert.Throws<InvalidSeedFileException>(() => SeedFilePopulationRegister.Load(path));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("PopulationRegister:SeedFile", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_WhenARegularGpIsGiven_TheRegularGpRegisterServesIt()
    {
        var json = new SeedFileBuilder().Parent(parent => parent["regularGp"] = RegularGp("9144889", "8094221")).ToJson();

        var register = SeedFilePopulationRegister.Parse(json, Source);

        var gp = await register.FindRegularGpAsync(Domain.Identity.NationalIdentityNumber.Parse(Seed.KariMother), default);
        Assert.Equal(new Application.RegularGps.RegularGp("9144889", "Ingrid Aas", "Grünerløkka legesenter", "8094221"), gp);
        Assert.Null(await register.FindRegularGpAsync(Domain.Identity.NationalIdentityNumber.Parse(Seed.EmmaUnder12), default));
    }

    [Theory]
    [InlineData("914488", "8094221", "regularGp.hprNumber must be 7 to 9 digits (the GP's HPR number).")]
    [InlineData("91448890A", "8094221", "regularGp.hprNumber must be 7 to 9 digits (the GP's HPR number).")]
    [InlineData("9144889", "", "regularGp.herId must be 1 to 9 digits (the GP office's HER id).")]
    [InlineData("9144889", "1234567890", "regularGp.herId must be 1 to 9 digits (the GP office's HER id).")]
    public void Parse_WhenARegularGpNumberIsMalformed_NamesTheField(string hprNumber, string herId, string expected)
    {
        var json = new SeedFileBuilder().Parent(parent => parent["regularGp"] = RegularGp(hprNumber, herId)).ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal("people[0] (Kari Nordmann): " + expected, problem);
    }

    [Fact]
    public void Parse_WhenADeceasedPersonHasARegularGp_IsRejected()
    {
        var json = new SeedFileBuilder().Parent(parent =>
        {
            parent["deceasedOn"] = "2026-01-01";
            parent["regularGp"] = RegularGp("9144889", "8094221");
        }).ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal("people[0] (Kari Nordmann): regularGp must be absent for a deceased person: they are on no GP's list.", problem);
    }

    private static JsonObject RegularGp(string hprNumber, string herId) => new()
    {
        ["hprNumber"] = hprNumber,
        ["name"] = "Ingrid Aas",
        ["office"] = "Grünerløkka legesenter",
        ["herId"] = herId,
    };

    private static InvalidSeedFileException Invalid(string json) =>
        Assert.Throws<InvalidSeedFileException>(() => SeedFilePopulationRegister.Parse(json, Source));

    private static JsonObject Guardianship(string guardianId, string scope) => new()
    {
        ["guardianId"] = guardianId,
        ["scopes"] = new JsonArray(scope),
        ["validFrom"] = "2020-01-01",
        ["reference"] = "SF 2020/1",
    };
}
