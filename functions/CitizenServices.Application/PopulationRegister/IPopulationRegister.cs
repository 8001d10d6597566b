namespace CitizenServices.Application.PopulationRegister;

/// <summary>
/// The seam where the national population register (Folkeregisteret) is plugged in. Use cases read people,
/// addresses, parental responsibility and guardianships through this port only; today a seed file of synthetic
/// people stands behind it.
/// </summary>
/// <remarks>
/// The register returns facts as registered; it does not apply age bands, address protection or any other
/// representation rule. Those are decided in the domain at request time.
/// </remarks>
public interface IPopulationRegister
{
    /// <summary>The registered person, or null when the number is not in the register.</summary>
    Task<RegisteredPerson?> FindAsync(NationalIdentityNumber id, CancellationToken cancellationToken);

    /// <summary>
    /// Everyone for whom <paramref name="parent"/> is registered with parental responsibility (foreldreansvar),
    /// whatever their age or address; empty when the person is unknown or has none.
    /// </summary>
    Task<IReadOnlyList<RegisteredPerson>> FindChildrenAsync(NationalIdentityNumber parent, CancellationToken cancellationToken);
}
