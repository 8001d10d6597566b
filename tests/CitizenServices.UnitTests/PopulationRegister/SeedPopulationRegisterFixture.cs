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

/// <summary>Seeded people the tests and docs refer to by name (docs/population-register.md).</summary>
public static class SeedPeople
{
    public const string KariHansen = "14838510036";
    public const string OlaHansen = "02918320167";
    public const string EmmaHansen = "05861950001";
    public const string NoahHansen = "20811576183";
    public const string LukasOlsen = "22841860199";
    public const string RandiOlsen = "03896205071";
    public const string HildeBakken = "19857815265";
    public const string TorBakken = "08827625125";
    public const string OliverEriksen = "03901770106";
    public const string IdaJohansen = "29821252014";
    public const string JonasJohansen = "10821182331";
    public const string PerMoe = "17909032172";
    public const string AstridLie = "01926642231";
    public const string PiotrKowalski = "49858814331";
    public const string HenrikLarsen = "05830954106";
    public const string TheaLarsen = "08810690039";
    public const string GunnarDahl = "30864844142";
    public const string ErikDahl = "12897516193";
    public const string NoraSolberg = "21918726095";
    public const string CamillaNilsen = "12848936241";
    public const string AkselVik = "14851764187";
    public const string SolveigHaugen = "17823818009";
    public const string BeritHaugen = "05906292086";
    public const string ArneHaugen = "22833628368";
}
