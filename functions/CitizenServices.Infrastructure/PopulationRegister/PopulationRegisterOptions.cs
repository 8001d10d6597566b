namespace CitizenServices.Infrastructure.PopulationRegister;

/// <summary>Configuration section <c>PopulationRegister</c>: the seed file of synthetic people.</summary>
public sealed class PopulationRegisterOptions() : SeedFileOptions("seed/population-register.json")
{
    public const string SectionName = "PopulationRegister";
}
