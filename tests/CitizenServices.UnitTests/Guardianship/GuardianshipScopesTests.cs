namespace CitizenServices.UnitTests.Guardianship;

/// <summary>Rule: only personal and health matters give access; the mandate maps to scopes (docs/guardianship.md).</summary>
public sealed class GuardianshipScopesTests
{
    public static TheoryData<MandateArea[]> EveryMandate() =>
    [
        [MandateArea.Personal], [MandateArea.Health], [MandateArea.Financial],
        [MandateArea.Personal, MandateArea.Health], [MandateArea.Personal, MandateArea.Financial],
        [MandateArea.Health, MandateArea.Financial], [MandateArea.Personal, MandateArea.Health, MandateArea.Financial],
    ];

    [Fact]
    public void Of_WhenHealthMatters_OpensRecordsPrescriptionsAppointmentsAndMessages()
    {
        var scopes = GuardianshipScopes.Of([MandateArea.Health]);

        Assert.Equal(
            new[] { Scope.Appointments.Value, RepresentationScopes.AppointmentsPrimaryCare.Value, Scope.HealthRecords.Value, Scope.Messages.Value, Scope.Prescriptions.Value }.Order(),
            scopes.Select(s => s.Value).Order());
    }

    [Fact]
    public void Of_WhenPersonalMattersOnly_OpensAppointmentsOnly()
    {
        var scopes = GuardianshipScopes.Of([MandateArea.Personal]);

        Assert.Equal(
            new[] { Scope.Appointments.Value, RepresentationScopes.AppointmentsPrimaryCare.Value }.Order(),
            scopes.Select(s => s.Value).Order());
    }

    [Fact]
    public void Of_WhenFinancialMattersOnly_GivesNothing()
    {
        Assert.Empty(GuardianshipScopes.Of([MandateArea.Financial]));
    }

    [Fact]
    public void Of_WhenFinancialIsAdded_ChangesNothing()
    {
        Assert.Equal(
            GuardianshipScopes.Of([MandateArea.Personal, MandateArea.Health]).OrderBy(s => s.Value),
            GuardianshipScopes.Of([MandateArea.Personal, MandateArea.Health, MandateArea.Financial]).OrderBy(s => s.Value));
    }

    [Theory]
    [MemberData(nameof(EveryMandate))]
    public void Of_WhateverTheMandate_NeverGivesConsentsRepresentationAccessLogOrOwnRepresentations(MandateArea[] mandate)
    {
        var scopes = GuardianshipScopes.Of(mandate);

        Assert.DoesNotContain(Scope.Consents, scopes);
        Assert.DoesNotContain(Scope.Representation, scopes);
        Assert.DoesNotContain(Scope.AccessLog, scopes);
        Assert.DoesNotContain(RepresentationScopes.OwnRepresentations, scopes);
    }

    [Theory]
    [MemberData(nameof(EveryMandate))]
    public void Of_WhenAppointmentsAreGiven_AlsoGivesPrimaryCareAppointments(MandateArea[] mandate)
    {
        var scopes = GuardianshipScopes.Of(mandate);

        Assert.Equal(scopes.Contains(Scope.Appointments), scopes.Contains(RepresentationScopes.AppointmentsPrimaryCare));
    }
}
