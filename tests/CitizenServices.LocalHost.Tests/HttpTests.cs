using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CitizenServices.Testing;

namespace CitizenServices.LocalHost.Tests;

public sealed class HttpFixture : IAsyncLifetime
{
    internal TestAppHost App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestAppHost.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class HttpTests(HttpFixture fixture) : IClassFixture<HttpFixture>
{
    private TestAppHost App => fixture.App;

    [Fact]
    public async Task Http_WhenRouteIsProxied_ForwardsPathQueryHeadersAndBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/echo/42?x=1&y=two%20words")
        {
            Content = new StringContent("""{"hello":"world"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Custom", "abc");

        using var response = await App.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("proxied", Assert.Single(response.Headers.GetValues("X-Test-Handler")));
        var echoed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("42", echoed["id"]!.GetValue<string>());
        Assert.Equal("POST", echoed["method"]!.GetValue<string>());
        Assert.Equal("/api/echo/42", echoed["path"]!.GetValue<string>());
        Assert.Equal("?x=1&y=two%20words", echoed["query"]!.GetValue<string>());
        Assert.Equal("abc", echoed["custom"]!.GetValue<string>());
        Assert.StartsWith("application/json", echoed["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("""{"hello":"world"}""", echoed["body"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("nøkkel")]
    [InlineData("Ærlig talt, åpen og ørlite")]
    [InlineData("キー")]
    public async Task Http_WhenAHeaderValueIsNotAscii_ForwardsItUnchangedInsteadOfAnEmpty502(string value)
    {
        // A client that sends the value as UTF-8, as browsers and curl do.
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 })
        {
            BaseAddress = App.Http.BaseAddress,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/echo/7") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Custom", value);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(value, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["custom"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("api/nothing-here")]
    [InlineData("echo/42")]
    [InlineData("api/customers/123/orders")]
    public async Task Http_WhenNoFunctionMatchesPath_Returns404WithoutCallingHandler(string path)
    {
        // The last path fails the route's {customer:alpha} constraint; the second lacks the route prefix.
        using var response = await App.Http.PostAsync(path, new StringContent("x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(App.Records("/" + path));
    }

    [Fact]
    public async Task Http_WhenMethodIsNotAllowed_IsNotRoutedToHandler()
    {
        using var response = await App.Http.DeleteAsync("api/echo/wrong-method");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(App.Records("/api/echo/wrong-method"));
    }

    [Fact]
    public async Task Http_WhenFunctionHasExtraOutputs_InvokesItAndAnswersFromHttpOutput()
    {
        using var response = await App.Http.PostAsync(
            "api/customers/alice/orders?rush=yes", new StringContent("""{"item":"book"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("accepted", Assert.Single(response.Headers.GetValues("X-Order")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["accepted"]!.GetValue<bool>());
        Assert.Equal("alice", body["customer"]!.GetValue<string>());

        var invocation = Assert.Single(App.Records("/Orders"));
        var request = invocation.Data["req"]!.AsObject();
        Assert.Equal("POST", request["Method"]!.GetValue<string>());
        Assert.EndsWith("/api/customers/alice/orders?rush=yes", request["Url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("yes", request["Query"]!["rush"]!.GetValue<string>());
        Assert.Equal("alice", request["Params"]!["customer"]!.GetValue<string>());
        Assert.StartsWith("application/json", request["Headers"]!["Content-Type"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.IsType<JsonArray>(request["Identities"]);
        Assert.Equal("""{"item":"book"}""", request["Body"]!.GetValue<string>());
        Assert.Equal("\"alice\"", invocation.Metadata["customer"]!.GetValue<string>());

        // Its Service Bus output went out too.
        var events = await Eventually.WaitAsync(
            () => App.ServiceBus.PeekAsync(ServiceBusQueueNames.ForQueue(App.Setting("OrdersQueue"))), m => m.Count == 1);
        Assert.Equal("""{"item":"book"}""", JsonNode.Parse(events[0].BodyAsString())!["orderBody"]!.GetValue<string>());
    }
}
