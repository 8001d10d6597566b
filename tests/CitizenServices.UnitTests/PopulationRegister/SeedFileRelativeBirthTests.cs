namespace CitizenServices.UnitTests.PopulationRegister;

// Rule: a seeded infant keeps its age as the calendar moves on. Its birth is given relative to the day the seed is loaded
// (born.daysAgo), and its synthetic number is made for that date, so a demo of "a three-week-old" works on any day.
public sealed class SeedFileRelativeBirthTests
{
    private const string Source = "test-seed.json";
    private static readonly DateOnly Today = new(2026, 12, 5);

    [Fact]
    public void Parse_WhenBornDaysAgo_MakesTheSyntheticNumberOfThatDateWithTheChosenSex()
    {
        var register = SeedFilePopulationRegister.Parse(ChildBorn(daysAgo: 21, individualNumber: 544), Source, Today);

        var child = register.People[1];
        Assert.Equal(new DateOnly(2026, 11, 14), child.BirthDate);
        Assert.True(child.Id.IsSynthetic);
        Assert.Equal(0, (child.Id.Value[8] - '0') % 2); // even third individual digit: a girl, as individual number 544 says
        Assert.Equal(child.Id, SeedFilePopulationRegister.Parse(ChildBorn(21, 544), Source, Today).People[1].Id);
    }

    [Fact]
    public void Parse_WhenLoadedADayLater_TheBirthMovesWithTheDaySoTheAgeStays()
    {
        var today = SeedFilePopulationRegister.Parse(ChildBorn(21, 544), Source, Today).People[1];
        var tomorrow = SeedFilePopulationRegister.Parse(ChildBorn(21, 544), Source, Today.AddDays(1)).People[1];

        Assert.Equal(today.BirthDate.AddDays(1), tomorrow.BirthDate);
        Assert.NotEqual(today.Id, tomorrow.Id);
    }

    [Fact]
    public void Parse_WhenTheChosenIndividualNumberHasNoControlDigit_TakesTheNextOneOfTheSameSex()
    {
        var birthDate = Today.AddDays(-21);
        var taken = Enumerable.Range(250, 250).Select(i => i * 2)
            .First(individual => NationalIdentityNumber.Synthetic(birthDate, individual) is { } n && Individual(n) != individual);

        var child = SeedFilePopulationRegister.Parse(ChildBorn(21, taken), Source, Today).People[1];

        Assert.True(Individual(child.Id) > taken);
        Assert.Equal(taken % 2, (child.Id.Value[8] - '0') % 2);
    }

    [Theory]
    [InlineData(-1, 544, "people[1] (Emma Nordmann): born.daysAgo must be a whole number of days from 0 to")]
    [InlineData(21, 499, "people[1] (Emma Nordmann): born.individualNumber must be from 500 to 999 for a birth in 2026")]
    [InlineData(21, 1000, "people[1] (Emma Nordmann): born.individualNumber must be from 500 to 999 for a birth in 2026")]
    public void Parse_WhenBornIsOutOfRange_NamesTheField(int daysAgo, int individualNumber, string expected)
    {
        var problem = Assert.Single(Invalid(ChildBorn(daysAgo, individualNumber)).Problems);

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenBothIdAndBornAreGiven_IsRejected()
    {
        var json = new SeedFileBuilder()
            .Child(child => child["born"] = new System.Text.Json.Nodes.JsonObject { ["daysAgo"] = 21, ["individualNumber"] = 544 })
            .ToJson();

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal("people[1] (Emma Nordmann): give either id or born, not both.", problem);
    }

    [Theory]
    [InlineData("2026-12-05")]
    [InlineData("2027-03-01")]
    [InlineData("2028-02-29")]
    [InlineData("2031-07-15")]
    public async Task Load_WhenTheCommittedSeedIsLoadedOnAnyDay_TheInfantsKeepTheirAges(string day)
    {
        var today = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var register = SeedFilePopulationRegister.Load(SeedPopulationRegisterFixture.SeedFilePath, today);

        var weeks = Named(register, "Ella Nygaard");
        var months = Named(register, "Yusuf Rahimi");
        var toddler = Named(register, "Leo Nygaard");
        var newborn = Named(register, "Alma Lund");

        // Nettlege's age rule counts whole months: under 3 is "a few weeks", 3 and over is past the infant rule.
        Assert.Equal(21, today.DayNumber - weeks.BirthDate.DayNumber);
        Assert.InRange(TriageEvaluator.AgeInMonths(weeks.BirthDate, today), 0, 2);
        Assert.Equal(4, TriageEvaluator.AgeInMonths(months.BirthDate, today));
        Assert.InRange(TriageEvaluator.AgeInMonths(toddler.BirthDate, today), 12, 23);
        Assert.Equal(6, today.DayNumber - newborn.BirthDate.DayNumber);
        Assert.Null(await register.FindRegularGpAsync(newborn.Id, CancellationToken.None));
        Assert.NotNull(await register.FindRegularGpAsync(weeks.Id, CancellationToken.None));
        Assert.All([weeks, months, toddler, newborn], infant => Assert.NotEmpty(infant.ParentsWithParentalResponsibility));
    }

    private static int Individual(NationalIdentityNumber number) =>
        int.Parse(number.Value.AsSpan(6, 3), System.Globalization.CultureInfo.InvariantCulture);

    private static RegisteredPerson Named(SeedFilePopulationRegister register, string name) =>
        Assert.Single(register.People, person => person.FullName == name);

    private static string ChildBorn(int daysAgo, int individualNumber) => new SeedFileBuilder()
        .Child(child =>
        {
            child.Remove("id");
            child["born"] = new System.Text.Json.Nodes.JsonObject { ["daysAgo"] = daysAgo, ["individualNumber"] = individualNumber };
        })
        .ToJson();

    private static InvalidSeedFileException Invalid(string json) =>
        Assert.Throws<InvalidSeedFileException>(() => SeedFilePopulationRegister.Parse(json, Source, Today));
}
