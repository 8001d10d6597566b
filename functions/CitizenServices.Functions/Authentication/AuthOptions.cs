namespace CitizenServices.Functions.Authentication;

/// <summary>Citizens: tokens shaped like ID-porten's (<c>pid</c>, <c>acr</c>). Section <c>Authentication:IdPorten</c>.</summary>
public sealed class CitizenAuthenticationOptions
{
    public const string SectionName = "Authentication:IdPorten";

    public string Issuer { get; set; } = "https://idporten.no";

    public string Audience { get; set; } = "https://helsenorge.no/citizen-services";

    /// <summary>ID-porten's discovery document, from which signing keys are fetched and rotated in Azure.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>PEM public keys trusted instead of the discovery document (tests, offline environments).</summary>
    public IList<string> SigningKeys { get; } = [];

    /// <summary>
    /// The longest a token may live, from <c>iat</c> or <c>nbf</c> to <c>exp</c> (<see cref="TokenShape"/>). ID-porten's
    /// access tokens live minutes; an hour leaves room for a client configured generously and refuses anything minted to last.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Workforce and systems: Entra ID tokens with app roles. Section <c>Authentication:Workforce</c>.</summary>
public sealed class WorkforceAuthenticationOptions
{
    public const string SectionName = "Authentication:Workforce";

    /// <summary>The claim carrying the kommunenummer the caseworker or administrator works for.</summary>
    public string MunicipalityClaim { get; set; } = "kommunenummer";

    /// <summary>With <see cref="SigningKeys"/>: the issuer trusted instead of Entra's (tests, offline environments).</summary>
    public string? Issuer { get; set; }

    /// <summary>PEM public keys trusted instead of Entra's discovery document (tests, offline environments).</summary>
    public IList<string> SigningKeys { get; } = [];

    /// <summary>
    /// The longest a token may live (<see cref="TokenShape"/>). Entra ID gives access tokens a random lifetime of 60 to 90
    /// minutes by default, so an hour would refuse most real tokens; 90 minutes admits them and nothing longer.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromMinutes(90);
}

/// <summary>Claim names and values of the citizen tokens.</summary>
public static class CitizenClaims
{
    public const string Pid = "pid";
    public const string Acr = "acr";
    public const string Substantial = "idporten-loa-substantial";
    public const string High = "idporten-loa-high";
}

public static class AuthSchemes
{
    public const string Citizen = "IdPorten";
    public const string Workforce = "Entra";
}

/// <summary>The app roles of the Entra ID app registration.</summary>
public static class AppRoles
{
    public const string CareRelationsManage = "CareRelations.Manage";
    public const string NettlegeAdminister = "Nettlege.Administer";
    public const string ConsultationsComplete = "Consultations.Complete";
    public const string RegistryRead = "Registry.Read";
    public const string RepresentationAdminister = "Representation.Administer";

    /// <summary>Create schedules and publish slots for a provider in the caller's municipality.</summary>
    public const string SchedulesManage = "Schedules.Manage";

    public static IReadOnlyList<string> All { get; } =
        [CareRelationsManage, NettlegeAdminister, ConsultationsComplete, RegistryRead, RepresentationAdminister, SchedulesManage];
}

/// <summary>Authorization policy names: <see cref="Citizen"/>, and one per app role named after the role.</summary>
public static class Policies
{
    public const string Citizen = "citizen";
}
