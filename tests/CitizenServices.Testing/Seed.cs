namespace CitizenServices.Testing;

/// <summary>
/// The synthetic people of <c>functions/seed/population-register.json</c> (docs/population-register.md) that tests use,
/// named by what they are for: the given name (as the seed and the docs call them) and the role the tests rely on. Every
/// number here is in the seed file with that given name (<c>SeedTests</c> holds this class to the file). A number a test
/// makes up on purpose (a person not in the seed, an invalid number) is not here: it stays in the test, named for that.
/// </summary>
public static class Seed
{
    // The Hansen family in Oslo (0301): both parents live with both children.

    /// <summary>Kari Hansen: mother with parental responsibility for Emma and Noah, living with both; an ordinary adult citizen.</summary>
    public const string KariMother = "14838510036";

    /// <summary>Ola Hansen: father with parental responsibility for Emma and Noah, living with both; Kari's spouse.</summary>
    public const string OlaFather = "02918320167";

    /// <summary>Emma Hansen, born 2019-06-05: a child under 12 living with both parents (full parental representation).</summary>
    public const string EmmaUnder12 = "05861950001";

    /// <summary>Noah Hansen, born 2015-01-20: turns 12 on 2027-01-20, when parental access goes from full to restricted.</summary>
    public const string NoahTurning12 = "20811576183";

    // Lukas Olsen lives with his grandmother: neither parent lives with him.

    /// <summary>Marte Olsen: Lukas's mother with parental responsibility, not living with him.</summary>
    public const string MarteMotherLivingApart = "30879230264";

    /// <summary>Kristian Berg: Lukas's father with parental responsibility, living in Bergen; an adult with no other ties in the tests.</summary>
    public const string KristianFatherLivingApart = "11929040351";

    /// <summary>Lukas Olsen, born 2018: a child under 12 whom no parent may represent (neither lives with him).</summary>
    public const string LukasLivingWithGrandmother = "22841860199";

    /// <summary>Randi Olsen: the grandmother Lukas lives with, without parental responsibility; an adult with no representation.</summary>
    public const string RandiGrandmother = "03896205071";

    // The Bakken foster home (adr-0301-0004) and the foster children's parents.

    /// <summary>Hilde Bakken: foster mother of Oliver and Sofie, no parental responsibility in the register.</summary>
    public const string HildeFosterMother = "19857815265";

    /// <summary>Tor Bakken: foster father of Oliver and Sofie, no parental responsibility in the register.</summary>
    public const string TorFosterFather = "08827625125";

    /// <summary>Oliver Eriksen, born 2017: a foster child under 12 at the foster home; his parents keep parental responsibility.</summary>
    public const string OliverFosterChild = "03901770106";

    /// <summary>Linn Eriksen: Oliver's mother, parental responsibility, living in Stavanger; must never learn the foster home.</summary>
    public const string LinnMotherOfFosterChild = "27819535065";

    /// <summary>Marius Eriksen: Oliver's father, parental responsibility, living in Trondheim (5001).</summary>
    public const string MariusFatherOfFosterChild = "16869345117";

    /// <summary>Sofie Strand, born 2013: a foster child aged 12-15 at the foster home; her parents have restricted access.</summary>
    public const string SofieFosterChild12To15 = "14891351063";

    /// <summary>Mona Strand: Sofie's mother, parental responsibility, in Bergen.</summary>
    public const string MonaMotherOfFosterChild = "11828631030";

    /// <summary>Jon Strand: Sofie's father, parental responsibility, in Bergen with Mona.</summary>
    public const string JonFatherOfFosterChild = "03928421162";

    // The Johansen family in Bergen (4601): restricted access to 12-15 year olds, and its end at 16.

    /// <summary>Ingrid Johansen: mother with parental responsibility for Ida and Jonas, living with both.</summary>
    public const string IngridMotherOfTeenagers = "25888012012";

    /// <summary>Lars Johansen: father with parental responsibility for Ida and Jonas, living with both.</summary>
    public const string LarsFatherOfTeenagers = "04847922155";

    /// <summary>Ida Johansen, born 2012-02-29: 12-15 band; turns 15 on 2027-03-01 and 16 on 2028-02-29.</summary>
    public const string IdaBornOnLeapDay = "29821252014";

    /// <summary>Jonas Johansen, born 2011-02-10: turns 16 on 2027-02-10, when his parents lose access.</summary>
    public const string JonasTurning16 = "10821182331";

    // Guardianship (vergemål) and a D-number.

    /// <summary>Per Moe: an adult under guardianship covering personal and health matters (Astrid is his guardian).</summary>
    public const string PerUnderHealthGuardianship = "17909032172";

    /// <summary>Astrid Lie: Per Moe's guardian with a personal and health mandate.</summary>
    public const string AstridGuardianOfPer = "01926642231";

    /// <summary>Piotr Kowalski: a synthetic D-number (day + 40 and month + 80), a temporary resident on no regular GP's list.</summary>
    public const string PiotrDNumber = "49858814331";

    /// <summary>Gunnar Dahl: an adult under guardianship for financial matters only, ending 2027-01-14.</summary>
    public const string GunnarUnderFinancialGuardianship = "30864844142";

    /// <summary>Erik Dahl: Gunnar's son and guardian with a financial-only mandate (no access to health services).</summary>
    public const string ErikFinancialGuardianOfGunnar = "12897516193";

    // The Larsen family in Trondheim (5001): a 16-17 year old and an adult child at home.

    /// <summary>Silje Larsen: mother with parental responsibility for Henrik, living with him and with adult daughter Thea.</summary>
    public const string SiljeMotherOfHenrik = "15818224017";

    /// <summary>Anders Larsen: father with parental responsibility for Henrik, living with him and with adult daughter Thea.</summary>
    public const string AndersFatherOfHenrik = "07878134197";

    /// <summary>Henrik Larsen, born 2009-03-05: 17 until 2027-03-05; his parents have no access, he may give but not receive a fullmakt.</summary>
    public const string HenrikTurning18 = "05830954106";

    /// <summary>Thea Larsen, born 2006-01-08: an adult child living with her parents; they need a fullmakt from her.</summary>
    public const string TheaAdultChild = "08810690039";

    // Address protection.

    /// <summary>Nora Solberg: strictly confidential address (code 6); can neither represent nor be represented.</summary>
    public const string NoraStrictlyConfidential = "21918726095";

    /// <summary>Camilla Nilsen: confidential address (code 7), parental responsibility for Aksel, who lives with his father.</summary>
    public const string CamillaConfidentialAddress = "12848936241";

    /// <summary>Espen Vik: Aksel's father with parental responsibility, living with him in Stavanger (1103).</summary>
    public const string EspenFatherOfAksel = "08888746367";

    /// <summary>Aksel Vik, born 2017: a child under 12 living with his father; his mother has a confidential address.</summary>
    public const string AkselChildOfConfidentialMother = "14851764187";

    // Capacity and death.

    /// <summary>Solveig Haugen: lacks capacity to consent (dementia); a fullmakt for her goes to her nearest relative.</summary>
    public const string SolveigLacksCapacity = "17823818009";

    /// <summary>Berit Haugen: Solveig's daughter and nearest relative; her number (920, year 62) exercises a century rule.</summary>
    public const string BeritNearestRelative = "05906292086";

    /// <summary>Arne Haugen: Solveig's husband, deceased 2023-11-30; can neither represent nor be represented.</summary>
    public const string ArneDeceased = "22833628368";
}
