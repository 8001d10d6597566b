using CitizenServices.DevTokens;
using CitizenServices.Functions.Authentication.HelseId;

namespace CitizenServices.MicroBenchmarks;

/// <summary>
/// What checking a DPoP proof costs a sector request before the replay record (one Table Storage insert): parsing, the
/// jwk, the signature, htm/htu/iat/ath and the thumbprint, for the two key types HelseID clients use. The clock is fixed,
/// so the same proof stays fresh for every iteration.
/// </summary>
[MemoryDiagnoser]
public class DPoPProofBenchmarks
{
    private const string Url = "https://citizen-services.test/api/v1/registry/consent-definitions/reservation-summary-care-record/persons/" + Seed.KariMother;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Uri[] Targets = [new(Url)];

    private readonly DPoPProofValidator _validator = new(new HelseIdOptions(), new FixedClock(Now));
    private readonly string _token = TokenFactory.NewRsa().Sector("310000019", ["nhn:helsenorge-citizen-services/consents.read"], "bound-later");

    private DPoPKey _ec = null!;
    private DPoPKey _rsa = null!;
    private string _ecProof = null!;
    private string _rsaProof = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ec = DPoPKey.NewEcdsa();
        _rsa = DPoPKey.NewRsa();
        _ecProof = _ec.Proof("GET", Url, _token, Now);
        _rsaProof = _rsa.Proof("GET", Url, _token, Now);
    }

    [Benchmark(Baseline = true)]
    public Task<DPoPProofResult> Es256() => _validator.ValidateAsync(_ecProof, "GET", Targets, _token, _ec.Thumbprint);

    [Benchmark]
    public Task<DPoPProofResult> Ps256() => _validator.ValidateAsync(_rsaProof, "GET", Targets, _token, _rsa.Thumbprint);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
