namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// Runs a secondary write (an index) after the change it follows has committed. The change stands whatever happens
/// here, so nothing here may turn the answer into an error: a failed write is logged with how it is repaired, and the
/// caller gets the success the commit earned. Answering 500 for a committed change would invite a retry of it.
/// </summary>
public static class AfterCommit
{
    public static async Task RunAsync(Func<Task> write, Action<Exception> logFailure)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(logFailure);
        try
        {
            await write();
        }
#pragma warning disable CA1031 // Any fault, storage or bug, is logged: the committed change must still be answered as done.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logFailure(exception);
        }
    }
}
