using CitizenServices.Domain.Identity;

namespace CitizenServices.MicroBenchmarks;

/// <summary>
/// Identity-number parsing and validation: every request carrying a pid claim or a <c>{subject}</c> goes through it,
/// and so does every register row read.
/// </summary>
[MemoryDiagnoser]
public class NationalIdentityNumberBenchmarks
{
    // Kari Hansen (birth number), Piotr Kowalski (D-number), and Kari's number with a wrong control digit.
    private const string BadControlDigit = "14838510037";

    [Benchmark(Baseline = true)]
    public bool IsValid() => NationalIdentityNumber.IsValid(Seed.KariMother);

    [Benchmark]
    public NationalIdentityNumber ParseBirthNumber() => NationalIdentityNumber.Parse(Seed.KariMother);

    [Benchmark]
    public NationalIdentityNumber ParseDNumber() => NationalIdentityNumber.Parse(Seed.PiotrDNumber);

    [Benchmark]
    public bool TryParseBadControlDigit() => NationalIdentityNumber.TryParse(BadControlDigit, out _, out _);
}
