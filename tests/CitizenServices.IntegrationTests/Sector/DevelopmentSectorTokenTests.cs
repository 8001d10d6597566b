namespace CitizenServices.IntegrationTests.Sector;

/// <summary>
/// Rule: the committed development key is trusted only in Development, for HelseID as for the other schemes; there, the
/// sector token and proof that scripts/dev-token.sh prints work as the README's curl sends them.
/// </summary>
public sealed class DevelopmentSectorTokenTests
{
    [Fact]
    public async Task Startup_WhenTheDevelopmentKeyIsAHelseIdSigningKeyOutsideDevelopment_Refuses()
    {
        await using var factory = new CitizenServicesFactory()
            .With("Authentication:HelseId:SigningKeys:0", TokenFactory.Development().PublicKeyPem());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.StartAsync());

        Assert.Contains("development signing key", error.Message, StringComparison.Ordinal);
        Assert.Contains("HelseId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentSectorToken_WhenSentAsTheReadmeShows_IsAccepted()
    {
        await using var factory = await new CitizenServicesFactory { EnvironmentName = "Development" }
            .With("Authentication:UseDevelopmentKey", "true")
            .StartAsync();
        var path = SectorFixture.LookupPath(Seed.RandiGrandmother);
        // What the README does: the token from "dev-token.sh sector", the proof from "dev-token.sh dpop" for the LocalHost's URL.
        var token = TokenFactory.Development().Sector(
            SectorFixture.Hospital, [TokenFactory.HelseIdAudience + "/consents.read"], DPoPKey.Development().Thumbprint);
        var proof = DPoPKey.Development().Proof("GET", "http://127.0.0.1:7071" + path, token);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", "DPoP " + token);
        request.Headers.TryAddWithoutValidation("DPoP", proof);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
