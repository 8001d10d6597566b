namespace CitizenServices.Application.Representation;

/// <summary>
/// What a child's foster care relations say about the parents' representation now. The parents' source asks it on every
/// request (nothing cached), so a registered, changed or ended relation counts on the next request.
/// </summary>
public interface IChildCarePlacements
{
    Task<ParentalAccessUnderCare> ParentalAccessAsync(NationalIdentityNumber child, CancellationToken cancellationToken);
}
