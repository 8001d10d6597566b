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
    private const string BirthNumber = "14838510036";
    private const string DNumber = "49858814331";
    private const string BadControlDigit = "14838510037";

    [Benchmark(Baseline = true)]
    public bool IsValid() => NationalIdentityNumber.IsValid(BirthNumber);

    [Benchmark]
    public NationalIdentityNumber ParseBirthNumber() => NationalIdentityNumber.Parse(BirthNumber);

    [Benchmark]
    public NationalIdentityNumber ParseDNumber() => NationalIdentityNumber.Parse(DNumber);

    [Benchmark]
    public bool TryParseBadControlDigit() => NationalIdentityNumber.TryParse(BadControlDigit, out _, out _);
}
