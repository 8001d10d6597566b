namespace CitizenServices.Functions.Requests;

/// <summary>
/// How the API reads and writes JSON. Strict, so that what the contract says is what is accepted: numbers are numbers
/// (not <c>"20"</c>), a required field must be present, a field that is not nullable must not be null, a field may
/// appear once, and a field the request does not have is refused instead of silently ignored (a misspelt
/// <c>validto</c> must not turn a fullmakt with an end into one until further notice).
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.AllowDuplicateProperties = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter());
    }
}
