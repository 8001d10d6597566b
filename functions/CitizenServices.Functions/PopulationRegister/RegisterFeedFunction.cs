using CitizenServices.Application.PopulationRegister.Feed;
using CitizenServices.Infrastructure.PopulationRegister.Folkeregisteret;

namespace CitizenServices.Functions.PopulationRegister;

/// <summary>
/// Timer (every 10 seconds, <c>functions/definitions/RegisterFeed</c>; a poll that finds nothing new is one 304): follows Folkeregisteret's event feed into the replica
/// (<see cref="FollowRegisterFeedHandler"/>). A register fault that outlasts the client's retries fails the invocation
/// with the position where it was; the next run reads the same page again. No host retry policy: the next run
/// is the retry. Without a configured register it does nothing.
/// </summary>
public sealed class RegisterFeedFunction(
    IServiceProvider services, FolkeregisteretOptions options, ILogger<RegisterFeedFunction> logger) : IInvokedFunction
{
    public static string Name => "RegisterFeed";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ReadTimer();
        if (string.IsNullOrWhiteSpace(options.BaseAddress))
        {
            logger.LogInformation("No population register is configured (PopulationRegister:Folkeregisteret:BaseAddress); the replica is left as it is.");
            return new InvocationResponse();
        }

        var handler = new FollowRegisterFeedHandler(
            services.GetRequiredService<IRegisterFeedSource>(),
            services.GetRequiredService<IRegisterReplica>(),
            services.GetRequiredService<IParkingLot>(),
            services.GetRequiredService<RegisterFeedLag>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetServices<IRegisterChangeObserver>(),
            services.GetServices<INumberReplacementFollower>())
        {
            Feed = options.FeedName,
        };
        var run = await handler.HandleAsync(options.MaxPagesPerRun, cancellationToken);
        if (run.Events > 0 || run.Parked > 0)
        {
            logger.LogInformation(
                "Register feed: {Events} events in {Pages} page(s), {Applied} persons applied, {Parked} parked, {NotFound} not found; next sequence {Next}{CaughtUp}",
                run.Events, run.Pages, run.PersonsApplied, run.Parked, run.NotFound, run.NextSequence, run.CaughtUp ? " (caught up)" : string.Empty);
        }

        return new InvocationResponse();
    }
}
