using System.Net;
using CitizenServices.DevTokens;
using CitizenServices.IntegrationTests.Support;

namespace CitizenServices.IntegrationTests.Sector;

/// <summary>Without configured public origins a proof must name the address the request itself arrived at.</summary>
public sealed class DPoPOwnOriginTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _app = new();
    private readonly DPoPKey _key = DPoPKey.NewEcdsa();

    public async Task InitializeAsync() => await _app.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    public async Task Lookup_WhenNoPublicOriginIsConfigured_AcceptsOnlyTheRequestsOwnOrigin(bool ownOrigin, HttpStatusCode expected)
    {
        var path = SectorFixture.LookupPath(SectorFixture.Randi);
        var token = _app.Tokens.Sector(SectorFixture.Hospital, [TokenFactory.HelseIdAudience + "/consents.read"], _key.Thumbprint);
        using var client = _app.CreateClient();
        var url = ownOrigin ? new Uri(client.BaseAddress!, path).ToString() : SectorFixture.Url(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", "DPoP " + token);
        request.Headers.TryAddWithoutValidation("DPoP", _key.Proof("GET", url, token));

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}
