using CitizenServices.Domain.Authorization;
using CitizenServices.Domain.Identity;

namespace CitizenServices.MicroBenchmarks;

/// <summary>
/// The representation decision the policy enforcement point makes on every subject-scoped request, with the bases
/// a real caller has: Kari for her child Emma (parent basis; an expired fullmakt and a guardianship that does not
/// cover the scope alongside it), Kari for herself, and a stranger with no basis.
/// </summary>
[MemoryDiagnoser]
public class AccessDecisionBenchmarks
{
    private static readonly NationalIdentityNumber KariMother = NationalIdentityNumber.Parse(Seed.KariMother);
    private static readonly NationalIdentityNumber EmmaUnder12 = NationalIdentityNumber.Parse(Seed.EmmaUnder12);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<Scope> ParentScopes =
        [Scope.AccessLog, Scope.Appointments, Scope.Messages, Scope.HealthRecords, Scope.Prescriptions, Scope.Consents, Scope.Representation];

    private static readonly RepresentationBasis[] KarisBasesForEmma =
    [
        new(BasisKind.Fullmakt, "fm-0001", new HashSet<Scope> { Scope.Appointments, Scope.Messages }, Now.AddYears(-2), Now.AddDays(-30)),
        new(BasisKind.Guardian, "gd-0001", new HashSet<Scope> { Scope.Consents }, Now.AddYears(-1), null),
        new(BasisKind.Parent, "parent:adr-0301-0001", ParentScopes, new DateTimeOffset(2019, 6, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 6, 5, 0, 0, 0, TimeSpan.Zero)),
    ];

    [Benchmark(Baseline = true)]
    public AccessDecision Self() => AccessDecision.Decide(KariMother, KariMother, Scope.Appointments, [], Now);

    [Benchmark]
    public AccessDecision ParentForChild() => AccessDecision.Decide(KariMother, EmmaUnder12, Scope.Appointments, KarisBasesForEmma, Now);

    [Benchmark]
    public AccessDecision NoBasis() => AccessDecision.Decide(EmmaUnder12, KariMother, Scope.Appointments, [], Now);
}
