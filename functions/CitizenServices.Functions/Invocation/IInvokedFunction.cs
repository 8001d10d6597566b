namespace CitizenServices.Functions.Invocation;

/// <summary>
/// A function the host invokes with <c>POST /{Name}</c> (Service Bus and timer triggers). One class per function, in its
/// module's folder and registered in the module's <c>Add</c> method with <c>AddInvokedFunction</c>: decode the inputs with
/// the typed views of <see cref="InvocationRequest"/>, call an Application handler, return outputs.
/// </summary>
/// <remarks>
/// Return normally (2xx) for business failures you have recorded, including poison messages you have parked.
/// Throw only for transient faults: a non-2xx answer fails the invocation, no outputs are sent, and
/// Service Bus redelivers the message.
/// </remarks>
public interface IInvokedFunction
{
    /// <summary>
    /// The function's folder name in the deployment package, which is also its route. Static, so the route is mapped
    /// without building the function's dependencies at start-up (they are built on the first invocation).
    /// </summary>
    static abstract string Name { get; }

    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
