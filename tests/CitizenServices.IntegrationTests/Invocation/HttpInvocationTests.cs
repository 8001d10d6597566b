using System.Text.Json.Nodes;
using CitizenServices.Functions.Invocation;

namespace CitizenServices.IntegrationTests.Invocation;

public sealed class HttpInvocationTests
{
    [Fact]
    public async Task ReadHttp_WhenHostPayload_ReadsRequestParts()
    {
        var request = await GoldenPayloads.ReadAsync("http-req.json", "CareRelationsImport");

        var http = request.ReadHttp("req");

        Assert.Equal(new Uri("https://func-citizen-prod.azurewebsites.net/api/v1/care-relations/b-2025-11/imports?dryRun=true&tag=a,b"), http.Url);
        Assert.Equal("POST", http.Method);
        Assert.Equal("true", http.Query["dryRun"]);
        Assert.Equal("a,b", http.Query["TAG"]);
        Assert.Equal("application/json; charset=utf-8", http.Headers["content-type"]);
        Assert.Equal<string[]>(["one", "two"], http.Headers["X-Custom"].ToArray()!);
        Assert.Equal("b-2025-11", http.Params["batchId"]);
        Assert.Equal("""{"caseReference":"BV-2025-00417","municipality":"0301"}""", http.BodyText);

        var identity = Assert.Single(http.Identities);
        Assert.Equal("WebJobsAuthLevel", identity.AuthenticationType);
        Assert.True(identity.IsAuthenticated);
        Assert.Contains(new InvokedClaim("http://schemas.microsoft.com/2017/07/functions/claims/authlevel", "Function"), identity.Claims);
        Assert.Equal(2, identity.Claims.Count);
    }

    [Fact]
    public async Task ReadHttp_WhenDocumentationShape_AcceptsStringQueryStringHeadersAndObjectBody()
    {
        var request = await GoldenPayloads.ReadAsync("http-req-docs-shape.json", "order");

        var http = request.ReadHttp("req");

        Assert.Equal("2", http.Query["page"]);
        Assert.Equal("application/json", http.Headers["Content-Type"]);
        Assert.Empty(http.Params);
        Assert.Empty(http.Identities);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":1005,"quantity":2,"color":"black"}"""), JsonNode.Parse(http.BodyText)));
        Assert.Null(request.ReadSys());
    }

    [Fact]
    public async Task ReadHttp_WhenOctetStreamBody_DecodesBase64()
    {
        byte[] bytes = [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF];
        var request = await GoldenPayloads.ReadJsonAsync($$$"""
            {"Data":{"req":{"Url":"http://localhost/api/upload","Method":"PUT",
              "Headers":{"Content-Type":["application/octet-stream"]},"Body":"{{{Convert.ToBase64String(bytes)}}}"}},
             "Metadata":{}}
            """);

        Assert.Equal(bytes, request.ReadHttp("req").Body.ToArray());
    }

    [Fact]
    public async Task ReadHttp_WhenNoBody_ReturnsEmptyBody()
    {
        var request = await GoldenPayloads.ReadJsonAsync(
            """{"Data":{"req":{"Url":"http://localhost/api/x","Method":"GET","Query":{},"Headers":{}}},"Metadata":{}}""");

        var http = request.ReadHttp("req");

        Assert.Equal(0, http.Body.ToMemory().Length);
        Assert.Equal("GET", http.Method);
    }
}
