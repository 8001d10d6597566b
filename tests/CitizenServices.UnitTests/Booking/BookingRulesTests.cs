using CitizenServices.Domain.Booking;

namespace CitizenServices.UnitTests.Booking;

/// <summary>The booking rules (domain rules, "Appointment booking"), one test per rule and boundary.</summary>
public sealed class BookingRulesTests
{
    private static readonly NationalIdentityNumber KariMother = NationalIdentityNumber.Parse(Seed.KariMother);
    private static readonly NationalIdentityNumber OlaFather = NationalIdentityNumber.Parse(Seed.OlaFather);
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly BookingPolicy Policy = new();

    private static Schedule Schedule(ScheduleKind kind = ScheduleKind.Gp) =>
        new("legesenter", "Legesenter", kind, "0301", TimeSpan.FromHours(24), [SlotChannel.InPerson]);

    private static Slot Slot(DateTimeOffset start) => new("legesenter", SlotIds.For(start, 0), start, TimeSpan.FromMinutes(20), SlotChannel.InPerson, null, null, null, null, null);

    private static Appointment Appointment(DateTimeOffset start, AppointmentStatus status = AppointmentStatus.Booked) =>
        new(Guid.NewGuid(), KariMother, KariMother, "legesenter", ScheduleKind.Gp, SlotIds.For(start, 0), start, TimeSpan.FromMinutes(20), SlotChannel.InPerson,
            start.AddHours(-24), status, Now, null, null, null, null);

    private static RepresentationBasis Basis(params Scope[] scopes) =>
        new(BasisKind.Parent, "parent-x", RepresentationScopes.WithImplied(scopes), Now.AddYears(-1), null);

    [Theory]
    [InlineData(ScheduleKind.Gp, true)]
    [InlineData(ScheduleKind.Municipal, true)]
    [InlineData(ScheduleKind.Specialist, false)]
    public void MayActOn_WhenParentOfA12To15YearOld_GpAndMunicipalOnly(ScheduleKind kind, bool allowed)
    {
        Assert.Equal(allowed, BookingRules.MayActOn(Basis(RepresentationScopes.AppointmentsPrimaryCare), kind));
    }

    [Theory]
    [InlineData(ScheduleKind.Gp)]
    [InlineData(ScheduleKind.Municipal)]
    [InlineData(ScheduleKind.Specialist)]
    public void MayActOn_WhenTheBasisCoversAppointments_EveryKind(ScheduleKind kind)
    {
        Assert.True(BookingRules.MayActOn(Basis(Scope.Appointments), kind));
        Assert.False(BookingRules.MayActOn(Basis(Scope.Messages), kind));
    }

    [Fact]
    public void CheckCancellable_AtTheDeadline_IsAllowedAndAMomentLaterRefused()
    {
        var appointment = Appointment(Now.AddHours(24));

        Assert.Null(BookingRules.CheckCancellable(appointment, Now));
        Assert.Equal("cancellation-deadline-passed", BookingRules.CheckCancellable(appointment, Now.AddTicks(1))?.Code);
    }

    [Fact]
    public void CancellableUntil_AcrossTheSpringChange_Is24ElapsedHoursEarlier()
    {
        var start = new DateTimeOffset(2026, 3, 29, 10, 0, 0, TimeSpan.Zero); // 12:00 summer time

        var until = BookingRules.CancellableUntil(start, Schedule());

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 11, 0, 0, TimeSpan.FromHours(1)), Domain.Time.NorwegianTime.ToOslo(until));
    }

    [Fact]
    public void CheckAppointmentLimit_WhenFourFutureAppointments_RefusesTheFifthButPastAndCancelledDoNotCount()
    {
        var future = Enumerable.Range(1, 3).Select(i => Appointment(Now.AddDays(i))).ToList();
        var notCounted = new[] { Appointment(Now.AddDays(-1)), Appointment(Now.AddDays(5), AppointmentStatus.Cancelled) };

        Assert.Null(BookingRules.CheckAppointmentLimit(future.Concat(notCounted), Now, Policy));
        Assert.Equal("appointment-limit-reached", BookingRules.CheckAppointmentLimit(future.Append(Appointment(Now.AddDays(9))), Now, Policy)?.Code);
    }

    [Fact]
    public void CheckHoldLimit_WhenTwoActiveHolds_RefusesAThirdButExpiredHoldsDoNotCount()
    {
        Hold Hold(TimeSpan left) => new(Guid.NewGuid(), KariMother, "legesenter", "x", Now + left, Now);

        Assert.Null(BookingRules.CheckHoldLimit([Hold(TimeSpan.FromMinutes(1)), Hold(TimeSpan.Zero)], Now, Policy));
        Assert.Equal("hold-limit-reached", BookingRules.CheckHoldLimit([Hold(TimeSpan.FromMinutes(1)), Hold(TimeSpan.FromMinutes(4))], Now, Policy)?.Code);
    }

    [Fact]
    public void IsAvailableTo_WhenHeldByAnother_IsTakenUntilTheHoldExpires()
    {
        var hold = new SlotHold(Guid.NewGuid(), OlaFather, Now.AddMinutes(5));
        var slot = Slot(Now.AddDays(1)).Held(hold);

        Assert.False(slot.IsAvailableTo(KariMother, null, Now));
        Assert.True(slot.IsAvailableTo(OlaFather, hold.HoldId, Now));
        Assert.True(slot.IsAvailableTo(KariMother, null, Now.AddMinutes(5)));
    }

    [Fact]
    public void IsAvailableTo_WhenBookedOrChanging_IsTakenForEveryone()
    {
        var slot = Slot(Now.AddDays(1));

        Assert.False(slot.BookedBy(Guid.NewGuid(), OlaFather).IsAvailableTo(KariMother, null, Now));
        Assert.False(slot.Claimed(new SlotIntent(Guid.NewGuid(), OlaFather, Now.AddSeconds(30), null)).IsAvailableTo(KariMother, null, Now));
        Assert.True(slot.Claimed(new SlotIntent(Guid.NewGuid(), OlaFather, Now, null)).HasStaleIntent(Now));
    }

    [Fact]
    public void IsReminderDue_From24HoursBefore_OnceAndOnlyForActiveAppointments()
    {
        var appointment = Appointment(Now.AddHours(24));

        Assert.True(BookingRules.IsReminderDue(appointment, Now, Policy));
        Assert.False(BookingRules.IsReminderDue(appointment, Now.AddTicks(-1), Policy));
        Assert.False(BookingRules.IsReminderDue(appointment with { ReminderSentAt = Now }, Now, Policy));
        Assert.False(BookingRules.IsReminderDue(appointment with { Status = AppointmentStatus.Cancelled }, Now, Policy));
    }

    [Fact]
    public void SlotIds_RoundTrip_AndSortByStart()
    {
        var start = new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero);

        Assert.Equal("20260329T0600Z-03", SlotIds.For(start, 3));
        Assert.True(SlotIds.TryParse("20260329T0600Z-03", out var parsed, out var sequence));
        Assert.Equal((start, 3), (parsed, sequence));
        Assert.False(SlotIds.TryParse("2026-03-29", out _, out _));
        Assert.True(string.CompareOrdinal(SlotIds.For(start, 0), SlotIds.For(start.AddMinutes(1), 0)) < 0);
    }
}
