using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenServices.TestHandler;

// A tiny custom handler for the LocalHost end-to-end tests. Every request except the readiness probe is appended
// to the file named by TESTHANDLER_RECORD_FILE, so tests can read exactly what the LocalHost sent.
var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
var recorder = new Recorder(Environment.GetEnvironmentVariable("TESTHANDLER_RECORD_FILE"));

app.Use(async (context, next) =>
{
    if (!(HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/"))
    {
        await recorder.RecordAsync(context.Request);
    }

    await next(context);
});

app.MapGet("/", () => Results.Ok());

app.MapPost("/Echo", (JsonObject invocation) =>
{
    var body = Encoding.UTF8.GetString(Convert.FromBase64String(invocation["Data"]!["message"]!.GetValue<string>()));
    return Results.Json(new JsonObject
    {
        ["Outputs"] = new JsonObject
        {
            ["outMessage"] = new JsonObject
            {
                ["echoed"] = JsonNode.Parse(body),
                ["messageId"] = invocation["Metadata"]!["MessageId"]!.GetValue<string>(),
            },
        },
        ["Logs"] = new JsonArray("echo handled"),
        ["ReturnValue"] = null,
    });
});

// Failing replies still carry Outputs, so a test can prove the host ignores them.
app.MapPost("/AlwaysFails", () => Results.Json(
    new JsonObject { ["Outputs"] = new JsonObject { ["outMessage"] = new JsonObject { ["mustNot"] = "be sent" } } },
    statusCode: StatusCodes.Status500InternalServerError));

app.MapPost("/Garbled", () => Results.Text("Outputs: this is not JSON", "text/plain"));

app.MapPost("/Tick", () => Results.Json(new JsonObject { ["Outputs"] = new JsonObject(), ["Logs"] = new JsonArray("tick") }));

app.MapPost("/Relay", (JsonObject invocation) =>
{
    // No dataType on this trigger: the body arrives as a JSON string holding the JSON-encoded text.
    var text = JsonSerializer.Deserialize<string>(invocation["Data"]!["message"]!.GetValue<string>())!;
    var source = JsonNode.Parse(text);
    return Results.Json(new JsonObject
    {
        ["Outputs"] = new JsonObject
        {
            ["relayed"] = new JsonArray(
                new JsonObject { ["part"] = 1, ["source"] = source?.DeepClone() },
                new JsonObject { ["part"] = 2, ["source"] = source?.DeepClone() }),
        },
    });
});

app.MapPost("/Collect", () => Results.Json(new JsonObject { ["Outputs"] = new JsonObject() }));

app.MapPost("/Orders", (JsonObject invocation) =>
{
    var request = invocation["Data"]!["req"]!;
    return Results.Json(new JsonObject
    {
        ["Outputs"] = new JsonObject
        {
            ["res"] = new JsonObject
            {
                ["statusCode"] = 202,
                ["body"] = new JsonObject { ["accepted"] = true, ["customer"] = request["Params"]?["customer"]?.DeepClone() },
                ["headers"] = new JsonObject { ["X-Order"] = "accepted" },
            },
            ["evt"] = new JsonObject { ["orderBody"] = request["Body"]?.DeepClone() },
        },
    });
});

// The proxied route: the original request arrives here unchanged, so echo what arrived.
app.MapMethods("/api/echo/{id}", [HttpMethods.Post, HttpMethods.Put], async (HttpContext context, string id) =>
{
    using var reader = new StreamReader(context.Request.Body);
    var body = await reader.ReadToEndAsync();
    context.Response.Headers["X-Test-Handler"] = "proxied";
    return Results.Json(
        new JsonObject
        {
            ["id"] = id,
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value,
            ["query"] = context.Request.QueryString.Value,
            ["custom"] = context.Request.Headers["X-Custom"].ToString(),
            ["contentType"] = context.Request.ContentType,
            ["body"] = body,
        },
        statusCode: StatusCodes.Status201Created);
});

// Ends the process with the given code once the answer is sent, as a crashing handler (or one asking the host for an
// intentional restart with code 200) would.
app.MapPost("/api/exit/{code:int}", (int code) =>
{
    _ = Task.Run(async () =>
    {
        await Task.Delay(100);
        Environment.Exit(code);
    });
    return Results.Accepted();
});

// The process id, so a test can kill this very process.
app.MapGet("/api/pid", () => Results.Text(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

app.Run();
