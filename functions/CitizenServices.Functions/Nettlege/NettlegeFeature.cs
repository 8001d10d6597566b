using CitizenServices.Application.Nettlege.Availability;
using Microsoft.FeatureManagement;

namespace CitizenServices.Functions.Nettlege;

/// <summary>
/// The feature filter <c>NettlegePilot</c>: on for a person whose registered municipality has an enabled pilot within
/// its period on today's Europe/Oslo date. The feature <c>Nettlege</c> uses it (appsettings.json,
/// <c>feature_management</c>); setting the flag's <c>enabled</c> to false switches nettlege off for everyone.
/// </summary>
[FilterAlias(FilterName)]
public sealed class NettlegePilotFilter : IContextualFeatureFilter<NettlegeFeatureContext>
{
    public const string FilterName = "NettlegePilot";

    public Task<bool> EvaluateAsync(FeatureFilterEvaluationContext featureFilterContext, NettlegeFeatureContext appContext)
    {
        ArgumentNullException.ThrowIfNull(appContext);
        var today = DateOnly.FromDateTime(NorwegianTime.ToOslo(appContext.Now).DateTime);
        return Task.FromResult(NettlegePilotRules.WhyNotOffered(appContext.Pilot, today) is null);
    }
}

/// <summary><see cref="INettlegeFeatureGate"/> through Microsoft.FeatureManagement.</summary>
public sealed class FeatureManagementNettlegeGate(IVariantFeatureManager features) : INettlegeFeatureGate
{
    public const string FeatureName = "Nettlege";

    public async Task<bool> IsEnabledAsync(NettlegeFeatureContext context, CancellationToken cancellationToken) =>
        await features.IsEnabledAsync(FeatureName, context, cancellationToken);
}
