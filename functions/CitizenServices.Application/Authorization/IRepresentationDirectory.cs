using CitizenServices.Domain.Authorization;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Application.Authorization;

/// <summary>One representation: who acts for whom, on what basis.</summary>
public sealed record Representation(NationalIdentityNumber Representative, NationalIdentityNumber Subject, RepresentationBasis Basis);

/// <summary>
/// Listing side of a representation kind, for "who can I act for" and "who can act for me". A kind that
/// stores relations answers <see cref="ListRepresentedAsync"/> from an inverse index partitioned by the
/// representative; authorization never uses these lists, it asks <see cref="IRepresentationSource"/>, which
/// reads the principal's own data.
/// </summary>
public interface IRepresentationDirectory
{
    /// <summary>Representations held by <paramref name="representative"/>, valid or not (the caller filters by time).</summary>
    Task<IReadOnlyList<Representation>> ListRepresentedAsync(NationalIdentityNumber representative, CancellationToken cancellationToken);

    /// <summary>Representations of <paramref name="subject"/>, valid or not.</summary>
    Task<IReadOnlyList<Representation>> ListRepresentativesAsync(NationalIdentityNumber subject, CancellationToken cancellationToken);
}
