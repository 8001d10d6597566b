using CitizenServices.Domain.Nettlege;

namespace CitizenServices.Application.Nettlege.Pilots;

/// <summary>An administrator's PUT of their municipality's pilot.</summary>
public sealed record ConfigurePilotRequest(string Municipality, string Administrator, NettlegePilotDraft Draft);

/// <summary>The saved (or unchanged) current version, or every problem of the draft, or a lost race.</summary>
public sealed record ConfigurePilotResult(NettlegePilotVersion? Saved, bool Created, IReadOnlyList<NettlegeProblem> Problems, bool Conflict)
{
    public const int MaxAttempts = 4;
}

/// <summary>
/// Validates the configuration and stores it as a new version with who changed it and when. The municipality match
/// (an administrator configures only their own) is enforced before this by the municipality requirement on the route.
/// Saving what is already current changes nothing and adds no version, so a retried PUT is harmless.
/// </summary>
public sealed class ConfigurePilotHandler(INettlegePilotStore store, TimeProvider time)
{
    public async Task<ConfigurePilotResult> HandleAsync(ConfigurePilotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pilot, problems) = NettlegePilotRules.Validate(request.Municipality, request.Draft);
        if (pilot is null)
        {
            return new ConfigurePilotResult(null, false, problems, false);
        }

        for (var attempt = 0; attempt < ConfigurePilotResult.MaxAttempts; attempt++)
        {
            var current = await store.GetAsync(request.Municipality, cancellationToken);
            if (current is not null && current.Current.Pilot.SameAs(pilot))
            {
                return new ConfigurePilotResult(current.Current, false, [], false);
            }

            var next = new NettlegePilotVersion(pilot, (current?.Current.Version ?? 0) + 1, request.Administrator, time.GetUtcNow());
            if (await store.SaveAsync(next, current, cancellationToken))
            {
                return new ConfigurePilotResult(next, current is null, [], false);
            }
        }

        return new ConfigurePilotResult(null, false, [], true);
    }
}
