namespace CitizenServices.UnitTests.Representation;

public sealed class ParentalRepresentationTests
{
    private static readonly NationalIdentityNumber Parent = SyntheticPeople.BornOn(new DateOnly(1985, 3, 14));
    private static readonly NationalIdentityNumber BornJune2014 = SyntheticPeople.BornOn(new DateOnly(2014, 6, 15));
    private static readonly NationalIdentityNumber BornJune2010 = SyntheticPeople.BornOn(new DateOnly(2010, 6, 15));
    private static readonly NationalIdentityNumber BornLeapDay2012 = SyntheticPeople.BornOn(new DateOnly(2012, 2, 29));

    private static DateOnly D(string date) => DateOnly.Parse(date, CultureInfo.InvariantCulture);

    private static ParentalFacts Facts(NationalIdentityNumber child, bool livesWith = true, bool parentDeceased = false, bool childDeceased = false) =>
        new(Parent, child, livesWith, parentDeceased, childDeceased);

    [Fact]
    public void Decide_WhenChildUnderTwelveLivesWithAResponsibleParent_GivesEveryScopeIncludingConsents()
    {
        var basis = ParentalRepresentation.Decide(Facts(BornJune2014), D("2020-01-01"));

        Assert.NotNull(basis);
        Assert.Equal(BasisKind.Parent, basis.Kind);
        foreach (var scope in new[] { Scope.AccessLog, Scope.Appointments, RepresentationScopes.AppointmentsPrimaryCare, Scope.Messages,
                     Scope.HealthRecords, Scope.Prescriptions, Scope.Consents, Scope.Representation })
        {
            Assert.Contains(scope, basis.Scopes);
        }
    }

    [Fact]
    public void Decide_WhenChildUnderTwelveLivesWithNoResponsibleParent_NoParentMayRepresent()
    {
        Assert.Null(ParentalRepresentation.Decide(Facts(BornJune2014, livesWith: false), D("2020-01-01")));
    }

    [Fact]
    public void Decide_WhenChildTwelveToFifteen_GivesOnlyPrimaryCareAppointmentsConsentsRepresentationAndAccessLog()
    {
        var basis = ParentalRepresentation.Decide(Facts(BornJune2010), D("2024-01-01"));

        Assert.NotNull(basis);
        Assert.Equal(
            new[] { "access-log", "appointments-primary-care", "consents", "representation" },
            basis.Scopes.Select(s => s.Value).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Scope.HealthRecords, basis.Scopes);
        Assert.DoesNotContain(Scope.Prescriptions, basis.Scopes);
        Assert.DoesNotContain(Scope.Appointments, basis.Scopes);
        Assert.DoesNotContain(Scope.Messages, basis.Scopes);
    }

    [Fact]
    public void Decide_WhenChildTwelveToFifteenLivesWithNoParent_SameAddressRuleDoesNotApply()
    {
        var basis = ParentalRepresentation.Decide(Facts(BornJune2010, livesWith: false), D("2024-01-01"));

        Assert.NotNull(basis);
        Assert.Equal(ParentalRepresentation.TwelveToFifteenScopes, basis.Scopes);
    }

    [Theory]
    [InlineData("2026-06-14", "full")] // day before the 12th birthday
    [InlineData("2026-06-15", "restricted")] // 12th birthday
    [InlineData("2026-06-16", "restricted")]
    public void Decide_AroundTwelfthBirthday_FullUntilTheDayBeforeThenRestricted(string date, string expected)
    {
        var basis = ParentalRepresentation.Decide(Facts(BornJune2014), D(date));

        Assert.NotNull(basis);
        Assert.Equal(expected == "full" ? ParentalRepresentation.UnderTwelveScopes : ParentalRepresentation.TwelveToFifteenScopes, basis.Scopes);
    }

    [Theory]
    [InlineData("2026-06-14", true)] // day before the 16th birthday
    [InlineData("2026-06-15", false)] // 16th birthday: of age for health matters
    [InlineData("2026-06-16", false)]
    public void Decide_AroundSixteenthBirthday_RestrictedUntilTheDayBeforeThenNone(string date, bool represented)
    {
        var basis = ParentalRepresentation.Decide(Facts(BornJune2010), D(date));

        Assert.Equal(represented, basis is not null);
    }

    [Fact]
    public void Decide_WhenChildUnderTwelve_IsValidFromBirthUntilTwelfthBirthdayMidnightOslo()
    {
        var basis = ParentalRepresentation.Decide(Facts(BornJune2014), D("2020-01-01"));

        Assert.NotNull(basis);
        // Summer time (+02:00): midnight in Oslo is 22:00 UTC the day before.
        Assert.Equal(new DateTimeOffset(2014, 6, 14, 22, 0, 0, TimeSpan.Zero), basis.ValidFrom);
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 22, 0, 0, TimeSpan.Zero), basis.ValidTo);
    }

    [Fact]
    public void Decide_WhenChildTwelveToFifteen_IsValidFromTwelfthUntilSixteenthBirthdayMidnightOslo()
    {
        var basis = ParentalRepresentation.Decide(Facts(BornJune2010), D("2024-01-01"));

        Assert.NotNull(basis);
        Assert.Equal(new DateTimeOffset(2022, 6, 14, 22, 0, 0, TimeSpan.Zero), basis.ValidFrom);
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 22, 0, 0, TimeSpan.Zero), basis.ValidTo);
    }

    [Theory]
    [InlineData("2024-02-28", "full")] // leap year: day before the 12th birthday
    [InlineData("2024-02-29", "restricted")] // the 12th birthday itself
    [InlineData("2024-03-01", "restricted")]
    [InlineData("2028-02-28", "restricted")] // day before the 16th birthday
    [InlineData("2028-02-29", "none")]
    [InlineData("2028-03-01", "none")]
    public void Decide_WhenBornOnLeapDay_BandsChangeOnTheBirthday(string date, string expected)
    {
        var basis = ParentalRepresentation.Decide(Facts(BornLeapDay2012), D(date));

        var band = basis is null ? "none" : basis.Scopes.Contains(Scope.HealthRecords) ? "full" : "restricted";
        Assert.Equal(expected, band);
    }

    [Theory]
    [InlineData(15, "2027-03-01")] // common year: 1 March, as AgeOn counts
    [InlineData(16, "2028-02-29")]
    [InlineData(18, "2030-03-01")]
    public void Birthday_WhenBornOnLeapDay_IsFirstMarchInCommonYears(int age, string expected)
    {
        Assert.Equal(D(expected), ParentalRepresentation.Birthday(BornLeapDay2012, age));
    }

    [Fact]
    public void Birthday_ForEveryDayOfAYear_IsTheFirstDayAgeOnCountsTheAge()
    {
        for (var birth = new DateOnly(2011, 12, 25); birth <= new DateOnly(2012, 12, 31); birth = birth.AddDays(1))
        {
            var child = SyntheticPeople.BornOn(birth);
            foreach (var age in new[] { 12, 15, 16, 18 })
            {
                var birthday = ParentalRepresentation.Birthday(child, age);
                Assert.Equal(age, child.AgeOn(birthday));
                Assert.Equal(age - 1, child.AgeOn(birthday.AddDays(-1)));
            }
        }
    }

    [Fact]
    public void Decide_WhenParentIsDeceased_GivesNothing()
    {
        Assert.Null(ParentalRepresentation.Decide(Facts(BornJune2014, parentDeceased: true), D("2020-01-01")));
    }

    [Fact]
    public void Decide_WhenChildIsDeceased_GivesNothing()
    {
        Assert.Null(ParentalRepresentation.Decide(Facts(BornJune2014, childDeceased: true), D("2020-01-01")));
    }

    [Fact]
    public void Decide_WhenDateIsBeforeBirth_GivesNothing()
    {
        Assert.Null(ParentalRepresentation.Decide(Facts(BornJune2014), D("2014-06-14")));
    }

    [Fact]
    public void RelationId_WhenComputedTwice_IsStableOpaqueAndDistinctPerPair()
    {
        var first = ParentalRepresentation.RelationId(Parent, BornJune2014);
        var again = ParentalRepresentation.RelationId(Parent, BornJune2014);
        var otherChild = ParentalRepresentation.RelationId(Parent, BornJune2010);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherChild);
        Assert.StartsWith("parent-", first, StringComparison.Ordinal);
        Assert.DoesNotContain(Parent.Value, first, StringComparison.Ordinal);
        Assert.DoesNotContain(BornJune2014.Value, first, StringComparison.Ordinal);
        Assert.DoesNotContain(BornJune2014.Value[..6], first, StringComparison.Ordinal);
    }

    [Fact]
    public void RelationIdOfDecision_WhenDecided_IsTheRelationId()
    {
        var basis = ParentalRepresentation.Decide(Facts(BornJune2014), D("2020-01-01"));

        Assert.Equal(ParentalRepresentation.RelationId(Parent, BornJune2014), basis?.RelationId);
    }
}
