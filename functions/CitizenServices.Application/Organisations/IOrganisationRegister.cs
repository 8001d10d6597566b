namespace CitizenServices.Application.Organisations;

/// <summary>An organisation (legal entity or sub-unit) as the register knows it.</summary>
public sealed record RegisteredOrganisation(OrganisationNumber Number, string Name);

/// <summary>
/// Names of organisations in the health sector, so a person's access log can say which hospital or pharmacy looked rather
/// than only its number. An organisation the register does not know is shown by number.
/// </summary>
public interface IOrganisationRegister
{
    Task<RegisteredOrganisation?> FindAsync(OrganisationNumber number, CancellationToken cancellationToken);
}
