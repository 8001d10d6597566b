namespace CitizenServices.UnitTests.Representation;

public sealed class RepresentationEligibilityTests
{
    private static readonly RepresentationParty Ordinary = new(IsRegistered: true, HasProtectedAddress: false, IsDeceased: false);
    private static readonly RepresentationParty Protected = new(IsRegistered: true, HasProtectedAddress: true, IsDeceased: false);
    private static readonly RepresentationParty Deceased = new(IsRegistered: true, HasProtectedAddress: false, IsDeceased: true);

    [Fact]
    public void MayRepresent_WhenBothRegisteredAliveAndUnprotected_IsTrue()
    {
        Assert.True(RepresentationEligibility.MayRepresent(Ordinary, Ordinary));
    }

    [Fact]
    public void MayRepresent_WhenRepresentativeHasConfidentialAddress_IsFalse()
    {
        Assert.False(RepresentationEligibility.MayRepresent(Protected, Ordinary));
    }

    [Fact]
    public void MayRepresent_WhenSubjectHasConfidentialAddress_IsFalse()
    {
        Assert.False(RepresentationEligibility.MayRepresent(Ordinary, Protected));
    }

    [Fact]
    public void MayRepresent_WhenEitherIsUnknownToTheRegister_IsFalse()
    {
        Assert.False(RepresentationEligibility.MayRepresent(RepresentationParty.Unregistered, Ordinary));
        Assert.False(RepresentationEligibility.MayRepresent(Ordinary, RepresentationParty.Unregistered));
    }

    [Fact]
    public void MayRepresent_WhenEitherIsDeceased_IsFalse()
    {
        Assert.False(RepresentationEligibility.MayRepresent(Deceased, Ordinary));
        Assert.False(RepresentationEligibility.MayRepresent(Ordinary, Deceased));
    }

    [Fact]
    public void WithImplied_WhenAppointmentsGranted_IncludesPrimaryCareAppointments()
    {
        Assert.Contains(RepresentationScopes.AppointmentsPrimaryCare, RepresentationScopes.WithImplied([Scope.Appointments]));
        Assert.DoesNotContain(RepresentationScopes.AppointmentsPrimaryCare, RepresentationScopes.WithImplied([Scope.Messages]));
    }

    [Fact]
    public void WithImplied_WhenOwnRepresentationsPassed_NeverGrantsIt()
    {
        Assert.DoesNotContain(RepresentationScopes.OwnRepresentations,
            RepresentationScopes.WithImplied([Scope.AccessLog, RepresentationScopes.OwnRepresentations]));
    }
}
