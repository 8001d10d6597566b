namespace CitizenServices.IntegrationTests.PopulationRegister;

/// <summary>
/// Register changes followed into the replica and what they do to representation (docs/population-register.md, "Edge
/// cases"): every step changes the double, runs the app's follower once and asks the API again. Children are born in
/// 2020 (under 12 until 2032), so the same-address rule applies.
/// </summary>
public sealed class RegisterScenarioTests(RegisterScenarioFixture app) : IClassFixture<RegisterScenarioFixture>
{
    [Fact]
    public async Task Representatives_WhenTheOnlyParentAtTheChildsAddressMovesOutAndBack_AccessEndsAfterThePollAndReturns()
    {
        var (mother, father, child, home) = await app.FamilyAsync();
        await app.Register.PostAsync($"testdouble/persons/{father}/move", app.Address());
        await app.FollowAsync();
        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(mother, child));
        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(father, child));

        // Rule: under 12, some parent with parental responsibility must live at the child's address.
        await app.Register.PostAsync($"testdouble/persons/{mother}/move", app.Address());
        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(mother, child));
        await app.FollowAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await app.ReadRepresentativesAsync(mother, child));
        Assert.Equal(HttpStatusCode.Forbidden, await app.ReadRepresentativesAsync(father, child));

        await app.Register.PostAsync($"testdouble/persons/{mother}/move", home);
        await app.FollowAsync();
        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(mother, child));
    }

    [Fact]
    public async Task Representatives_WhenTheParentMovesToAnotherFlatInTheSameBuilding_LivesElsewhere()
    {
        var (mother, father, child, _) = await app.FamilyAsync();
        await app.Register.PostAsync($"testdouble/persons/{father}/move", app.Address());
        var street = 900;
        var home = app.Address(street, "H0101");
        await app.Register.PostAsync($"testdouble/persons/{mother}/move", home);
        await app.Register.PostAsync($"testdouble/persons/{child}/move", home);
        await app.FollowAsync();
        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(mother, child));

        // Address identity includes the flat (bruksenhetsnummer): H0102 is another home.
        await app.Register.PostAsync($"testdouble/persons/{mother}/move", app.Address(street, "H0102"));
        await app.FollowAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await app.ReadRepresentativesAsync(mother, child));
    }

    [Fact]
    public async Task Representatives_WhenTheChildHasSharedResidenceWithAParentWhoLivesElsewhere_ThatParentLivesWithTheChild()
    {
        var (mother, father, child, _) = await app.FamilyAsync();
        var fathersHome = app.Address();
        await app.Register.PostAsync($"testdouble/persons/{father}/move", fathersHome);
        await app.Register.PostAsync($"testdouble/persons/{mother}/move", app.Address());
        await app.FollowAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await app.ReadRepresentativesAsync(father, child));

        // Shared residence (delt bosted) at the father's address: the child lives with him too.
        using var content = System.Net.Http.Json.JsonContent.Create(new[] { fathersHome });
        using var response = await app.Register.Control.PutAsync(new Uri($"testdouble/persons/{child}/shared-residence", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        await app.FollowAsync();
        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(father, child));
        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(mother, child));
    }

    [Theory]
    [InlineData("parent", "fortrolig")]
    [InlineData("child", "fortrolig")]
    [InlineData("parent", "strengtFortrolig")]
    [InlineData("child", "strengtFortrolig")]
    public async Task Representatives_WhenProtectionIsGradedOnEitherSide_IsRefused(string side, string level)
    {
        var (mother, _, child, _) = await app.FamilyAsync();
        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(mother, child));

        await app.Register.PostAsync($"testdouble/persons/{(side == "parent" ? mother : child)}/protection", new { level });
        await app.FollowAsync();

        // Rule: a person with a confidential or strictly confidential address can neither represent nor be represented.
        Assert.Equal(HttpStatusCode.Forbidden, await app.ReadRepresentativesAsync(mother, child));
    }

    [Theory]
    [InlineData("child")]
    [InlineData("parent")]
    public async Task Representatives_WhenEitherPartyDies_AccessEnds(string who)
    {
        var (mother, father, child, _) = await app.FamilyAsync();
        await app.Register.PostAsync($"testdouble/persons/{(who == "child" ? child : mother)}/death", new { date = "2026-11-30" });
        await app.FollowAsync();

        // Rule: a death ends representation both ways.
        Assert.Equal(HttpStatusCode.Forbidden, await app.ReadRepresentativesAsync(mother, child));
        Assert.Equal(who == "child" ? HttpStatusCode.Forbidden : HttpStatusCode.OK, await app.ReadRepresentativesAsync(father, child));
    }

    [Fact]
    public async Task Representatives_WhenResponsibilityMovesToOneParent_TheOtherLosesAccess()
    {
        var (mother, father, child, _) = await app.FamilyAsync();
        using var content = System.Net.Http.Json.JsonContent.Create(new { parents = new[] { mother } });
        using var response = await app.Register.Control.PutAsync(new Uri($"testdouble/persons/{child}/responsibility", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        await app.FollowAsync();

        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(mother, child));
        Assert.Equal(HttpStatusCode.Forbidden, await app.ReadRepresentativesAsync(father, child));
        Assert.DoesNotContain(child, await app.RepresentedAsync(father));
    }

    [Fact]
    public async Task Represented_WhenAChildIsBorn_AppearsInBothParentsLists()
    {
        var (mother, father, _, _) = await app.FamilyAsync();
        var newborn = (await app.Register.PostAsync("testdouble/births", new { givenName = "Nyfødt", birthDate = "2026-11-01", parents = new[] { mother, father } }))!;
        Assert.DoesNotContain(newborn, await app.RepresentedAsync(mother));

        await app.FollowAsync();

        Assert.Contains(newborn, await app.RepresentedAsync(mother));
        Assert.Contains(newborn, await app.RepresentedAsync(father));
    }

    [Fact]
    public async Task Guardian_WhenAPersonalMandateIsRegisteredAndEnded_AppearsAndDisappears()
    {
        var ward = await app.AdultAsync("Vergehaver", app.Address(), "1950-01-01");
        var guardian = await app.AdultAsync("Verge", app.Address(), "1970-01-01");
        await app.FollowAsync();
        Assert.DoesNotContain(ward, await app.RepresentedAsync(guardian));

        await app.Register.PostAsync($"testdouble/persons/{ward}/guardians", new { guardian, personal = true, financial = false, health = false });
        await app.FollowAsync();
        Assert.Contains(ward, await app.RepresentedAsync(guardian));
        Assert.Contains("guardian", await app.RepresentativeKindsAsync(ward));

        using var ended = await app.Register.Control.DeleteAsync(new Uri($"testdouble/persons/{ward}/guardians/{guardian}", UriKind.Relative));
        ended.EnsureSuccessStatusCode();
        await app.FollowAsync();
        Assert.DoesNotContain(ward, await app.RepresentedAsync(guardian));
        Assert.DoesNotContain("guardian", await app.RepresentativeKindsAsync(ward));
    }

    [Fact]
    public async Task Representatives_WhenTheParentsDNumberIsReplacedByABirthNumber_TheRelationFollowsThePerson()
    {
        var home = app.Address();
        var mother = (await app.Register.PostAsync("testdouble/persons", new { givenName = "Dnr", familyName = "Scenario", birthDate = "1990-03-03", address = home, dNumber = true }))!;
        var child = (await app.Register.PostAsync("testdouble/births", new { givenName = "Barn", birthDate = "2020-02-02", parents = new[] { mother } }))!;
        await app.FollowAsync();
        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(mother, child));

        var birthNumber = (await app.Register.PostAsync($"testdouble/persons/{mother}/birth-number", new { }))!;
        await app.FollowAsync();

        Assert.Equal(HttpStatusCode.OK, await app.ReadRepresentativesAsync(birthNumber, child));
        Assert.Contains(child, await app.RepresentedAsync(birthNumber));
        Assert.Equal(HttpStatusCode.Forbidden, await app.ReadRepresentativesAsync(mother, child));
    }
}
