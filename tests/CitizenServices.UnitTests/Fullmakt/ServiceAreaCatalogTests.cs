namespace CitizenServices.UnitTests.Fullmakt;

public sealed class ServiceAreaCatalogTests
{
    [Fact]
    public void Catalog_WhenAnyAreaIsChosen_NeverOpensConsentsRepresentationOrTheAccessLog()
    {
        var everything = ServiceAreaCatalog.Areas.Values.SelectMany(s => s).ToHashSet();

        Assert.DoesNotContain(Scope.Consents, everything);
        Assert.DoesNotContain(Scope.Representation, everything);
        Assert.DoesNotContain(Scope.AccessLog, everything);
    }

    [Fact]
    public void Catalog_WhenListed_CoversAppointmentsMessagesHealthRecordsAndPrescriptions()
    {
        var everything = ServiceAreaCatalog.Areas.Values.SelectMany(s => s).ToHashSet();

        Assert.Equal(new HashSet<Scope> { Scope.Appointments, Scope.Messages, Scope.HealthRecords, Scope.Prescriptions }, everything);
        Assert.Equal(ServiceAreaCatalog.Areas.Keys.ToHashSet(), ServiceAreaCatalog.All.ToHashSet());
    }

    [Fact]
    public void ScopesOf_WhenThePrincipalCannotDoSomethingThemself_NeverGivesIt()
    {
        // A principal who may book only primary-care appointments passes on no more than that, whatever the areas say.
        var principal = new HashSet<Scope> { RepresentationScopes.AppointmentsPrimaryCare };

        var scopes = ServiceAreaCatalog.ScopesOf(ServiceAreaCatalog.All, principal);

        Assert.Equal(new HashSet<Scope> { RepresentationScopes.AppointmentsPrimaryCare }, scopes);
    }

    [Fact]
    public void ScopesOf_WhenThePrincipalMayDoEverything_StillExcludesWhatIsNeverDelegated()
    {
        var scopes = ServiceAreaCatalog.ScopesOf(ServiceAreaCatalog.All, PrincipalScopes.OfAdultForHealthMatters);

        Assert.Empty(scopes.Intersect(ServiceAreaCatalog.NeverDelegated));
        Assert.Equal(
            new HashSet<Scope> { Scope.Appointments, RepresentationScopes.AppointmentsPrimaryCare, Scope.Messages, Scope.HealthRecords, Scope.Prescriptions },
            scopes);
    }

    [Theory]
    [InlineData("appointments", true)]
    [InlineData("health-records", true)]
    [InlineData("consents", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParse_WhenGivenAName_AcceptsOnlyCatalogAreas(string? name, bool expected)
    {
        Assert.Equal(expected, ServiceAreaCatalog.TryParse(name, out _));
    }
}
