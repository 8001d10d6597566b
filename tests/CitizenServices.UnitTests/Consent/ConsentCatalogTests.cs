using System.Security.Cryptography;
using CitizenServices.Domain.Consent;
using CitizenServices.Infrastructure.Consent;

namespace CitizenServices.UnitTests.Consent;

public sealed class ConsentCatalogTests
{
    private static string Catalog(object definition) => JsonSerializer.Serialize(new { definitions = new[] { definition } });

    private static object Entry(string id = "a-definition", string kind = "consent", string[]? versions = null, string? title = "Title") => new
    {
        id,
        kind,
        title,
        purpose = "Purpose",
        owner = "Owner",
        minimumAge = 0,
        versions = (versions ?? ["1.0"]).Select(v => new { version = v, published = "2026-01-01", text = "Text " + v }).ToArray(),
    };

    [Fact]
    public void Load_WhenTheCommittedCatalogIsRead_HasEveryKindAndHashesEachText()
    {
        var catalog = SeedFileConsentCatalog.Load(Path.Combine(AppContext.BaseDirectory, "seed", "consent-definitions.json"));

        Assert.Equal(Enum.GetValues<ConsentKind>().Order(), catalog.Definitions.Select(d => d.Kind).Distinct().Order());
        foreach (var version in catalog.Definitions.SelectMany(d => d.Versions))
        {
            Assert.Equal(version.TextSha256, Convert.ToHexStringLower(SHA256.HashData(catalog.TextOf(version.TextSha256)!)));
        }
    }

    [Fact]
    public void Parse_WhenValid_HashesTheUtf8TextAndTakesTheLastVersionAsCurrent()
    {
        var catalog = SeedFileConsentCatalog.Parse(Catalog(Entry(versions: ["1.0", "1.1", "2.0"])), "test");

        var definition = Assert.Single(catalog.Definitions);
        Assert.Equal("2.0", definition.Current.Version.ToString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Text 1.1"))), definition.Versions[1].TextSha256);
    }

    [Theory]
    [InlineData("Bad Id", "consent", "1.0", "Title", "id")]
    [InlineData("ok-id", "opt-in", "1.0", "Title", "kind")]
    [InlineData("ok-id", "consent", "v1", "Title", "version")]
    [InlineData("ok-id", "consent", "1.0", null, "title")]
    public void Parse_WhenAFieldIsWrong_NamesIt(string id, string kind, string version, string? title, string field)
    {
        var exception = Assert.Throws<InvalidConsentCatalogException>(() => SeedFileConsentCatalog.Parse(Catalog(Entry(id, kind, [version], title)), "test"));

        Assert.Contains(field, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenVersionsAreNotAscending_IsRejected()
    {
        Assert.Throws<InvalidConsentCatalogException>(() => SeedFileConsentCatalog.Parse(Catalog(Entry(versions: ["2.0", "1.0"])), "test"));
    }
}
