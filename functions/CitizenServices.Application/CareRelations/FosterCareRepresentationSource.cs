using CitizenServices.Application.Representation;

namespace CitizenServices.Application.CareRelations;

/// <summary>
/// Foster parents as a representation kind, basis <c>foster-parent</c>, relation id = the care relation id.
/// Authorization reads only the child's record, so an ending counts on the next request; "who can I act for" comes
/// from the shared index of stored kinds. Also the parents' port (<see cref="IChildCarePlacements"/>): what the child's
/// relations say about the parents' access now.
/// </summary>
public sealed class FosterCareRepresentationSource(ISubjectRecords records, TimeProvider time)
    : IRepresentationSource, IRepresentationDirectory, IChildCarePlacements
{
    public async Task<IReadOnlyList<RepresentationBasis>> FindAsync(
        NationalIdentityNumber representative, NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        (await ListForChildAsync(subject, cancellationToken))
            .SelectMany(r => r.FosterParentBases())
            .Where(b => b.FosterParent == representative)
            .Select(b => b.Basis)
            .ToList();

    public async Task<IReadOnlyList<Authorization.Representation>> ListRepresentativesAsync(
        NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        (await ListForChildAsync(subject, cancellationToken))
            .SelectMany(r => r.FosterParentBases().Select(b => new Authorization.Representation(b.FosterParent, subject, b.Basis)))
            .ToList();

    public async Task<ParentalAccessUnderCare> ParentalAccessAsync(NationalIdentityNumber child, CancellationToken cancellationToken) =>
        FosterCareParentalAccess.Of(await ListForChildAsync(child, cancellationToken), time.GetUtcNow());

    private async Task<IReadOnlyList<CareRelation>> ListForChildAsync(NationalIdentityNumber child, CancellationToken cancellationToken) =>
        (await records.ReadAsync(child, cancellationToken)).CareRelations;
}
