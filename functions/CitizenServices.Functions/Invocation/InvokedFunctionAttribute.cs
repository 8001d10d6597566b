namespace CitizenServices.Functions.Invocation;

/// <summary>
/// Endpoint metadata on every invoked-function endpoint, so tests and tooling can list them from
/// <c>EndpointDataSource</c> and compare with the function.json definitions.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class InvokedFunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
