namespace CitizenServices.Application.RegularGps;

/// <summary>
/// A person's regular GP (fastlege) as the regular GP register (Fastlegeregisteret) lists them: the GP's HPR number
/// (the national health personnel register), name, the office they work at and that office's HER id (the address
/// in the national address register for health messages), which is where a message to the GP is delivered.
/// </summary>
public sealed record RegularGp(string HprNumber, string Name, string Office, string HerId);

/// <summary>
/// The seam where the regular GP register is plugged in. Today the population register's seed file stands behind it
/// (its optional <c>regularGp</c> per person).
/// </summary>
public interface IRegularGpRegister
{
    /// <summary>The patient's current regular GP; null when the person is unknown or is not on any GP's list.</summary>
    Task<RegularGp?> FindRegularGpAsync(NationalIdentityNumber patient, CancellationToken cancellationToken);
}
