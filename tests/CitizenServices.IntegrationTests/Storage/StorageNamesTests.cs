using System.Reflection;

namespace CitizenServices.IntegrationTests.Storage;

public sealed class StorageNamesTests
{
    [Fact]
    public void Catalog_WhenValidated_HasNoProblems()
    {
        Assert.Empty(StorageNames.Catalog.Problems());
    }

    [Fact]
    public void Catalog_WhenComparedWithDeclaredConstants_ListsEveryOneAndNothingElse()
    {
        // Distinct: Fullmakt and CareRelation are names for the one table they live in (people).
        Assert.Equal(Constants(typeof(StorageNames.Tables)).Distinct(), StorageNames.Catalog.Tables.Order(StringComparer.Ordinal));
        Assert.Equal(Constants(typeof(StorageNames.Containers)), StorageNames.Catalog.Containers.Order(StringComparer.Ordinal));
        var nested = typeof(StorageNames).GetNestedTypes().Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["Containers", "Tables"], nested);
        Assert.Empty(StorageNames.Catalog.Queues);
    }

    [Fact]
    public void Catalog_WhenRead_HoldsTheTablesAndContainersTheDesignNames()
    {
        Assert.Superset(new HashSet<string> { "outbox", "outboxpending", "inbox", "accesslog" }, StorageNames.Catalog.Tables.ToHashSet());
        Assert.Contains("documents", StorageNames.Catalog.Containers);
    }

    [Fact]
    public void Problems_WhenNamesBreakRulesOrRepeat_ReportsEach()
    {
        var catalog = new StorageCatalog(["outbox", "Outbox", "1table", "out_box"], ["Documents", "docs--x"], ["q", "events-"]);

        var problems = catalog.Problems();

        Assert.Equal(7, problems.Count);
        Assert.Contains("Duplicate table name 'outbox'.", problems);
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("outboxpending", true)]
    [InlineData("A1b2", true)]
    [InlineData("ab", false)]
    [InlineData("1abc", false)]
    [InlineData("out-box", false)]
    [InlineData("tables", false)]
    public void IsValidTableName_WhenChecked_FollowsServiceRules(string name, bool valid)
    {
        Assert.Equal(valid, StorageNameRules.IsValidTableName(name));
    }

    [Fact]
    public void IsValidTableName_WhenLengthAtBounds_Accepts63AndRejects64()
    {
        Assert.True(StorageNameRules.IsValidTableName("a" + new string('b', 62)));
        Assert.False(StorageNameRules.IsValidTableName("a" + new string('b', 63)));
    }

    [Theory]
    [InlineData("documents", true)]
    [InlineData("consent-texts", true)]
    [InlineData("9abc", true)]
    [InlineData("ab", false)]
    [InlineData("Documents", false)]
    [InlineData("-abc", false)]
    [InlineData("abc-", false)]
    [InlineData("a--b", false)]
    [InlineData("a_b", false)]
    public void IsValidContainerAndQueueName_WhenChecked_FollowsServiceRules(string name, bool valid)
    {
        Assert.Equal(valid, StorageNameRules.IsValidContainerName(name));
        Assert.Equal(valid, StorageNameRules.IsValidQueueName(name));
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);
}
