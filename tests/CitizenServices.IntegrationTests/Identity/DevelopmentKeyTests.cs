namespace CitizenServices.IntegrationTests.Identity;

/// <summary>Rule: the committed development key is trusted only in the Development environment.</summary>
public sealed class DevelopmentKeyTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task Startup_WhenDevelopmentKeyIsRequestedOutsideDevelopment_Refuses(string environment)
    {
        await using var factory = new CitizenServicesFactory { EnvironmentName = environment }
            .With("Authentication:UseDevelopmentKey", "true");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.StartAsync());

        Assert.Contains("development signing key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WhenDevelopmentKeyIsConfiguredAsASigningKeyOutsideDevelopment_Refuses()
    {
        await using var factory = new CitizenServicesFactory { Tokens = TokenFactory.Development() };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.StartAsync());

        Assert.Contains("development signing key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentToken_WhenRunningInDevelopment_IsAccepted()
    {
        await using var factory = await new CitizenServicesFactory { EnvironmentName = "Development" }
            .With("Authentication:UseDevelopmentKey", "true")
            .StartAsync();
        using var client = factory.CreateClient(TokenFactory.Development().Citizen(Seed.KariMother));

        using var response = await client.GetAsync(new Uri("/api/v1/persons/me/access-log", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void KeyId_IsThatOfTheCommittedDevelopmentKey()
    {
        // A deployed app has no key file to compare with: it recognises the key by this id alone.
        var pem = TokenFactory.Development().PublicKeyPem();

        Assert.Equal(DevelopmentSigningKey.KeyId, SigningKeys.KeyId(SigningKeys.FromPem(pem)));
    }

    [Fact]
    public async Task Startup_WhenDevelopmentKeyIsRequestedButItsFileIsAbsent_RefusesNamingTheSetting()
    {
        // As a deployed package run in Development would be: the key file is not in the package.
        await using var factory = new CitizenServicesFactory { EnvironmentName = "Development" }
            .With("Authentication:UseDevelopmentKey", "true")
            .With(DevelopmentSigningKey.FileSetting, "no-such-folder/development-signing-key.pem");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.StartAsync());

        Assert.Contains(DevelopmentSigningKey.FileSetting, error.Message, StringComparison.Ordinal);
    }
}
