using System.Security.Cryptography;
using Microsoft.Playwright;

namespace CitizenServices.EndToEndTests.AdminWeb;

/// <summary>
/// Entra ID's authorization code flow with PKCE as the Microsoft identity platform documents it (v2.0 <c>/authorize</c>
/// and <c>/token</c>, RFC 7636 S256), answered inside the browser context with Playwright's request routing: the
/// authorize request is redirected back with a code; the token request is answered with an access token only when its
/// <c>code_verifier</c> hashes to the challenge the authorize request carried, as Entra ID checks it. The token is a
/// workforce token signed with the development key, which the handler under test (Development) trusts.
/// </summary>
internal sealed class EntraDouble(string redirectUri, string accessToken)
{
    private string? _challenge;
    private string? _code;

    /// <summary>What went wrong, if anything: a parameter the admin web sent that Entra ID would refuse.</summary>
    public List<string> Faults { get; } = [];

    public bool CodeRedeemed { get; private set; }

    public async Task AttachAsync(IBrowserContext context) => await context.RouteAsync(AdminWebHost.EntraAuthority + "/**", HandleAsync);

    private async Task HandleAsync(IRoute route)
    {
        var request = route.Request;
        var url = new Uri(request.Url);
        if (url.AbsolutePath.EndsWith("/authorize", StringComparison.Ordinal) && request.Method == "GET")
        {
            var query = System.Web.HttpUtility.ParseQueryString(url.Query);
            Expect(query["client_id"] == AdminWebHost.AdminWebClientId, "client_id is not the admin web's");
            Expect(query["response_type"] == "code", "response_type is not code");
            Expect(query["redirect_uri"] == redirectUri, $"redirect_uri {query["redirect_uri"]} is not {redirectUri}");
            Expect(query["code_challenge_method"] == "S256", "code_challenge_method is not S256");
            Expect(query["scope"]?.Split(' ').Contains("api://citizen-services/.default") == true, "the API's scope is not asked for");
            Expect(query["state"] is { Length: >= 16 }, "no state");
            _challenge = query["code_challenge"];
            _code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 302,
                Headers = new Dictionary<string, string> { ["Location"] = $"{redirectUri}?code={_code}&state={Uri.EscapeDataString(query["state"]!)}" },
            });
            return;
        }

        if (url.AbsolutePath.EndsWith("/token", StringComparison.Ordinal) && request.Method == "POST")
        {
            var form = System.Web.HttpUtility.ParseQueryString(request.PostData ?? string.Empty);
            var verifier = form["code_verifier"] ?? string.Empty;
            var hashed = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            var valid = form["grant_type"] == "authorization_code" && form["code"] == _code && form["client_id"] == AdminWebHost.AdminWebClientId
                && form["redirect_uri"] == redirectUri && verifier.Length >= 43 && hashed == _challenge;
            Expect(valid, "the token request does not redeem the code with the verifier of its challenge");
            CodeRedeemed = valid;
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = valid ? 200 : 400,
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
                Body = valid
                    ? JsonSerializer.Serialize(new { token_type = "Bearer", access_token = accessToken, expires_in = 3600, scope = "api://citizen-services/.default" })
                    : """{"error":"invalid_grant","error_description":"AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request."}""",
            });
            return;
        }

        Faults.Add($"unexpected {request.Method} {url}");
        await route.AbortAsync();
    }

    private void Expect(bool condition, string fault)
    {
        if (!condition)
        {
            Faults.Add(fault);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
