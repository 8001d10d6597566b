namespace CitizenServices.IntegrationTests.Consent;

/// <summary>Gives a fullmakt through the real API, and removes it again, for tests of what a fullmakt holder may not do.</summary>
internal sealed class FullmaktGrant(CitizenServicesFactory factory)
{
    public async Task GrantAsync(string giver, string representative, string[] serviceAreas)
    {
        using var client = factory.CreateClient(factory.Tokens.Citizen(giver));
        using var response = await client.PostAsync(
            new Uri("/api/v1/persons/me/fullmakter", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(new { representative, serviceAreas }), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public async Task ClearAsync(params string[] people)
    {
        var tables = factory.Services.GetRequiredService<TableStore>();
        foreach (var (table, prefix) in new[]
                 {
                     (tables.Table(StorageNames.Tables.Fullmakt), (string?)null),
                     (tables.Table(StorageNames.Tables.RepresentationsByRepresentative), "fullmakt|"),
                 })
        {
            foreach (var person in people)
            {
                await table.DeletePartitionAsync(person, prefix);
            }
        }
    }
}
