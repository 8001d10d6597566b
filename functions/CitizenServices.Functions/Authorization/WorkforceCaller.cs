namespace CitizenServices.Functions.Authorization;

public static class WorkforceCaller
{
    /// <summary>
    /// The municipality a caseworker or administrator works for, from their token. Only for endpoints behind a role
    /// policy, which has already refused a caller without a valid municipality claim.
    /// </summary>
    public static string CallerMunicipality(this HttpContext context) =>
        MunicipalityRequirement.MunicipalityOf(context.User, context.RequestServices.GetRequiredService<WorkforceAuthenticationOptions>())
        ?? throw new InvalidOperationException("The role policy let a caller without a municipality through.");
}
