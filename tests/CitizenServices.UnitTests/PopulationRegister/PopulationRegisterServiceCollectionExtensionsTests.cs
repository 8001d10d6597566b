using CitizenServices.Application.PopulationRegister;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CitizenServices.UnitTests.PopulationRegister;

public sealed class PopulationRegisterServiceCollectionExtensionsTests : IDisposable
{
    private readonly List<string> _files = [];

    [Fact]
    public async Task AddSeedFilePopulationRegister_WhenNotConfigured_ServesTheCommittedSeedFromTheOutputFolder()
    {
        using var provider = Build(new Dictionary<string, string?>());

        provider.GetRequiredService<IStartupValidator>().Validate();
        var register = provider.GetRequiredService<IPopulationRegister>();

        Assert.IsType<SeedFilePopulationRegister>(register);
        Assert.NotNull(await register.FindAsync(NationalIdentityNumber.Parse(Seed.EmmaUnder12), CancellationToken.None));
    }

    [Fact]
    public async Task AddSeedFilePopulationRegister_WhenSeedFileIsConfigured_ReadsThatFile()
    {
        var path = WriteFile(new SeedFileBuilder().ToJson());
        using var provider = Build(new Dictionary<string, string?> { ["PopulationRegister:SeedFile"] = path });

        var register = provider.GetRequiredService<IPopulationRegister>();

        var child = Assert.Single(await register.FindChildrenAsync(NationalIdentityNumber.Parse(Seed.KariMother), CancellationToken.None));
        Assert.Equal("Nordmann", child.FamilyName); // the committed seed calls this number's owner Hansen
        Assert.Null(await register.FindAsync(NationalIdentityNumber.Parse(Seed.NoahTurning12), CancellationToken.None));
    }

    [Fact]
    public void AddSeedFilePopulationRegister_WhenSeedFileIsInvalid_FailsAtStartupWithThePreciseProblem()
    {
        var path = WriteFile(new SeedFileBuilder().Child(child => child["id"] = "05861950002").ToJson());
        using var provider = Build(new Dictionary<string, string?> { ["PopulationRegister:SeedFile"] = path });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("people[1] (Emma Nordmann): id is not a valid national identity number", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSeedFilePopulationRegister_WhenSeedFileIsMissing_FailsAtStartupNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");
        using var provider = Build(new Dictionary<string, string?> { ["PopulationRegister:SeedFile"] = path });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSeedFilePopulationRegister(configuration).BuildServiceProvider();
    }

    private string WriteFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }
}
