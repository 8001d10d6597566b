using Azure;
using Azure.Data.Tables;

// Three endpoints and nothing else: no authentication, no policy enforcement point, no access log, no problem
// details, no telemetry. They are what the handler's figures are compared with in docs/performance.md.
//   GET /                               200, nothing done (the bare app of the cold-start comparison)
//   GET /api/v1/baseline/noop           200, nothing done
//   GET /api/v1/baseline/read           one point read of one table row, the same storage call a
//                                       representation lookup makes, returned as JSON
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration["Storage:ConnectionString"];
var app = builder.Build();

TableClient? table = null;
if (!string.IsNullOrEmpty(connectionString))
{
    table = new TableServiceClient(connectionString).GetTableClient("loadbaseline");
    await table.CreateIfNotExistsAsync();
    await table.UpsertEntityAsync(new TableEntity("14838510036", "05861950001")
    {
        ["Kind"] = "parent",
        ["RelationId"] = "parent:adr-0301-0001",
        ["Scopes"] = "access-log appointments messages health-records prescriptions consents representation",
        ["ValidFrom"] = new DateTimeOffset(2019, 6, 5, 0, 0, 0, TimeSpan.Zero),
        ["ValidTo"] = new DateTimeOffset(2031, 6, 5, 0, 0, 0, TimeSpan.Zero),
    });
}

app.MapGet("/", () => Results.Text("ok"));
app.MapGet("/api/v1/baseline/noop", () => Results.Text("ok"));
app.MapGet("/api/v1/baseline/read", async (CancellationToken cancellationToken) =>
{
    if (table is null)
    {
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>("14838510036", "05861950001", cancellationToken: cancellationToken);
    return row.HasValue
        ? Results.Json(new { kind = row.Value!["Kind"], relationId = row.Value["RelationId"], scopes = row.Value["Scopes"] })
        : Results.NotFound();
});

await app.RunAsync();
