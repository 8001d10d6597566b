using CitizenServices.Application.Booking;
using CitizenServices.Application.Booking.Book;
using CitizenServices.Application.Booking.Cancel;
using CitizenServices.Application.Booking.Holds;
using CitizenServices.Application.Booking.List;
using CitizenServices.Application.Booking.Reminders;
using CitizenServices.Application.Booking.Reschedule;
using CitizenServices.Application.Booking.Schedules;
using CitizenServices.Application.Booking.Slots;
using CitizenServices.Application.Idempotency;
using CitizenServices.Infrastructure.Booking;

namespace CitizenServices.Functions.Booking;

/// <summary>
/// Appointment booking (docs/booking.md): schedules and free slots, holds, and booking, moving and cancelling for oneself
/// or someone one represents; providers' administrators create schedules and publish slots.
/// </summary>
public static class BookingApi
{
    private const string Tag = "Booking";

    /// <summary>
    /// Booking: its stores, use cases and policy (configuration section <c>Booking</c>). Needs storage, the event stores
    /// and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddBooking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTableBookingStores();
        services.AddSingleton(_ =>
        {
            var policy = new BookingPolicy();
            configuration.GetSection(BookingPolicy.SectionName).Bind(policy);
            return policy;
        });
        services.AddScoped<SlotCoordinator>();
        services.AddScoped<SaveScheduleHandler>();
        services.AddScoped<PublishSlotsHandler>();
        services.AddScoped<ListFreeSlotsHandler>();
        services.AddScoped<PlaceHoldHandler>();
        services.AddScoped<BookAppointmentHandler>();
        services.AddScoped<ListAppointmentsHandler>();
        services.AddScoped<RescheduleAppointmentHandler>();
        services.AddScoped<CancelAppointmentHandler>();
        services.AddScoped<SendRemindersHandler>();
        services.AddScoped<RetirePastSlotsHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapBookingApi(this IEndpointRouteBuilder app)
    {
        var booking = app.MapGroup("/api/v1").WithTags(Tag);
        var schedules = booking.MapGroup(string.Empty).RequireAuthorization(Policies.Citizen);
        schedules.MapGet("/schedules", ListSchedulesAsync).WithName("ListSchedules")
            .WithSummary("Schedules one can book in; ?municipality=0301 for one municipality.");
        schedules.MapGet("/schedules/{id}/slots", ListSlotsAsync).WithName("ListFreeSlots")
            .WithSummary("Free slots of a schedule; ?from=&to= as dates (Europe/Oslo) or instants; at most 31 days, default the next 14.")
            .WithFhirView<SlotListView>(BookingFhir.Slots, "A searchset Bundle of Slot (status free).")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        var admin = booking.MapGroup("/admin/schedules").RequireAuthorization(AppRoles.SchedulesManage);
        admin.MapPut("/{id}", SaveScheduleAsync).WithName("SaveSchedule")
            .WithSummary("Create or change a schedule of the caller's municipality.")
            .AcceptsJson(new ScheduleBody("Majorstuen legekontor", "gp", "0301", ["in-person", "video"], 24))
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/{id}/slots", PublishSlotsAsync).WithName("PublishSlots")
            .WithSummary("Publish slots (explicit, or a daily plan in Europe/Oslo time); publishing again adds nothing.")
            .AcceptsJson(new PublishSlotsBody(
                [new SlotBody(new DateTimeOffset(2026, 12, 8, 9, 20, 0, TimeSpan.FromHours(1)), 20, "in-person")],
                new SlotPlanBody(new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 18), "08:00", "11:00", 20, "video")))
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);

        // Declared with the primary-care scope, which every basis granting appointments also grants; the handlers then
        // refuse a specialist schedule unless the basis covers all appointments (a parent of a 12-15 year old does not).
        var person = booking.MapGroup("/persons/{subject}").RequireAuthorization(Policies.Citizen);
        person.MapPost("/holds", HoldAsync).ForSubject(RepresentationScopes.AppointmentsPrimaryCare, "appointments.hold")
            .WithName("HoldSlot").WithSummary("Hold a slot for a few minutes while booking; an Idempotency-Key makes a retry answer the first hold.")
            .AcceptsJson(new HoldBody(ExampleScheduleId, ExampleSlotId))
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        person.MapPost("/appointments", BookAsync).ForSubject(RepresentationScopes.AppointmentsPrimaryCare, "appointments.book")
            .WithName("BookAppointment").WithSummary("Book a slot or a held slot; Idempotency-Key required.")
            .AcceptsJson(new BookBody(ExampleScheduleId, ExampleSlotId))
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        person.MapGet("/appointments", ListAppointmentsAsync).ForSubject(RepresentationScopes.AppointmentsPrimaryCare, "appointments.list")
            .WithName("ListAppointments").WithSummary("The subject's appointments and active holds.")
            .WithFhirView<AppointmentListView>(BookingFhir.Appointments, "A searchset Bundle of Appointment (holds are not included).");
        person.MapPost("/appointments/{id:guid}/reschedule", RescheduleAsync)
            .ForSubject(RepresentationScopes.AppointmentsPrimaryCare, "appointments.reschedule")
            .WithName("RescheduleAppointment").WithSummary("Move an appointment to another slot of its schedule (new slot first); an Idempotency-Key makes a retry answer the move.")
            .AcceptsJson(new RescheduleBody("20261208T0820Z-00"))
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        person.MapDelete("/appointments/{id:guid}", CancelAsync).ForSubject(RepresentationScopes.AppointmentsPrimaryCare, "appointments.cancel")
            .WithName("CancelAppointment").WithSummary("Cancel an appointment, until the schedule's deadline.")
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Ok<ScheduleListView>> ListSchedulesAsync(string? municipality, IScheduleStore schedules, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ScheduleListView((await schedules.ListAsync(municipality, cancellationToken)).Select(ScheduleView.From).ToList()));

    private static async Task<Results<Ok<SlotListView>, ProblemHttpResult>> ListSlotsAsync(
        string id, string? from, string? to, ListFreeSlotsHandler handler, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!TryReadBound(from, now, out var start, endOfDay: false))
        {
            return ErrorProblems.BadRequest("from", "Use a date (yyyy-MM-dd, Europe/Oslo) or an instant with offset, from 2000 to 2100.");
        }

        if (!TryReadBound(to, start + TimeSpan.FromDays(14), out var end, endOfDay: true))
        {
            return ErrorProblems.BadRequest("to", "Use a date (yyyy-MM-dd, Europe/Oslo) or an instant with offset, from 2000 to 2100.");
        }

        var result = await handler.HandleAsync(id, start, end, cancellationToken);
        return result.Match<Results<Ok<SlotListView>, ProblemHttpResult>>(
            slots => TypedResults.Ok(new SlotListView(id, NorwegianTime.ToOslo(start), NorwegianTime.ToOslo(end), slots.Select(SlotView.From).ToList())),
            error => error.ToProblem());
    }

    private static async Task<Results<Ok<ScheduleView>, ProblemHttpResult>> SaveScheduleAsync(
        HttpContext context, string id, [FromBody] ScheduleBody body, SaveScheduleHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(
            new SaveScheduleRequest(context.CallerMunicipality(), id, body.Name, body.Kind, body.Municipality, body.CancellationDeadlineHours, body.Channels),
            cancellationToken);
        return result.Match<Results<Ok<ScheduleView>, ProblemHttpResult>>(s => TypedResults.Ok(ScheduleView.From(s)), error => error.ToProblem());
    }

    private static async Task<Results<Ok<SlotPublicationView>, ProblemHttpResult>> PublishSlotsAsync(
        HttpContext context, string id, [FromBody] PublishSlotsBody body, PublishSlotsHandler handler, CancellationToken cancellationToken)
    {
        if (body.Slots is null && body.Plan is null)
        {
            return ErrorProblems.BadRequest("body", "Give slots, a plan, or both.");
        }

        var drafts = new List<SlotDraft>();
        foreach (var slot in body.Slots ?? [])
        {
            drafts.Add(new SlotDraft(slot.Start.ToUniversalTime(), TimeSpan.FromMinutes(slot.LengthMinutes), Channel(slot.Channel), slot.Sequence));
        }

        SlotPlan? plan = null;
        if (body.Plan is { } p)
        {
            plan = new SlotPlan(
                p.FirstDay, p.LastDay, TimeOnly.ParseExact(p.DailyFrom, "HH:mm", CultureInfo.InvariantCulture),
                TimeOnly.ParseExact(p.DailyTo, "HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromMinutes(p.LengthMinutes), Channel(p.Channel), p.Parallel);
        }

        var result = await handler.HandleAsync(new PublishSlotsRequest(id, context.CallerMunicipality(), drafts, plan), cancellationToken);
        return result.Match<Results<Ok<SlotPublicationView>, ProblemHttpResult>>(
            r => TypedResults.Ok(new SlotPublicationView(r.Published, r.AlreadyPublished)), error => error.ToProblem());
    }

    private static async Task<Results<Created<HoldView>, ProblemHttpResult>> HoldAsync(
        HttpContext context, [FromBody] HoldBody body, [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        PlaceHoldHandler handler, CancellationToken cancellationToken)
    {
        // Optional here (required on booking): a retry with the same key answers the first hold.
        if (idempotencyKey is not null && IdempotencyKey.Validate(idempotencyKey) is { } badKey)
        {
            return ErrorProblems.BadRequest(IdempotencyKey.HeaderName, badKey);
        }

        var result = await handler.HandleAsync(new PlaceHoldRequest(Actor(context), body.ScheduleId, body.SlotId, idempotencyKey), cancellationToken);
        return result.Match<Results<Created<HoldView>, ProblemHttpResult>>(
            placed => TypedResults.Created((string?)null, HoldView.From(placed.Hold)), error => error.ToProblem());
    }

    private static async Task<Results<Created<AppointmentView>, ProblemHttpResult>> BookAsync(
        HttpContext context, [FromBody] BookBody body, [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        BookAppointmentHandler handler, CancellationToken cancellationToken)
    {
        if (idempotencyKey is null)
        {
            return ErrorProblems.BadRequest(IdempotencyKey.HeaderName, "Required: a retry with the same key returns the first booking.");
        }

        if (IdempotencyKey.Validate(idempotencyKey) is { } badKey)
        {
            return ErrorProblems.BadRequest(IdempotencyKey.HeaderName, badKey);
        }

        if (body.HoldId is null && (body.ScheduleId is null || body.SlotId is null))
        {
            return ErrorProblems.BadRequest("body", "Give scheduleId and slotId, or holdId.");
        }

        var result = await handler.HandleAsync(
            new BookAppointmentRequest(Actor(context), body.ScheduleId, body.SlotId, body.HoldId, idempotencyKey), cancellationToken);
        return result.Match<Results<Created<AppointmentView>, ProblemHttpResult>>(
            created => TypedResults.Created(Location(context, created.Appointment), AppointmentView.From(created.Appointment, SubjectAccess.For(context).Actor)),
            error => error.ToProblem());
    }

    private static async Task<Ok<AppointmentListView>> ListAppointmentsAsync(
        HttpContext context, ListAppointmentsHandler handler, CancellationToken cancellationToken)
    {
        var listing = await handler.HandleAsync(Actor(context), cancellationToken);
        return TypedResults.Ok(new AppointmentListView(
            listing.Appointments.Select(a => AppointmentView.From(a, SubjectAccess.For(context).Actor)).ToList(), listing.Holds.Select(HoldView.From).ToList()));
    }

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> RescheduleAsync(
        HttpContext context, Guid id, [FromBody] RescheduleBody body, [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        RescheduleAppointmentHandler handler, CancellationToken cancellationToken)
    {
        // Optional: a retry with the same key answers the moved appointment instead of 422 same-slot.
        if (idempotencyKey is not null && IdempotencyKey.Validate(idempotencyKey) is { } badKey)
        {
            return ErrorProblems.BadRequest(IdempotencyKey.HeaderName, badKey);
        }

        var result = await handler.HandleAsync(new RescheduleAppointmentRequest(Actor(context), id, body.SlotId, idempotencyKey), cancellationToken);
        return result.Match<Results<Ok<AppointmentView>, ProblemHttpResult>>(
            moved => TypedResults.Ok(AppointmentView.From(moved.Appointment, SubjectAccess.For(context).Actor)), error => error.ToProblem());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        HttpContext context, Guid id, CancelAppointmentHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new CancelAppointmentRequest(Actor(context), id), cancellationToken);
        return result.Match<Results<NoContent, ProblemHttpResult>>(_ => TypedResults.NoContent(), error => error.ToProblem());
    }

    private const string ExampleScheduleId = "legekontor-majorstuen";

    private const string ExampleSlotId = "20261208T0800Z-00";

    // The body check has refused any channel outside the vocabulary.
    private static SlotChannel Channel(string name) =>
        BookingNames.TryParseChannel(name, out var channel) ? channel : throw new InvalidOperationException("An unchecked channel name reached the endpoint.");

    private static BookingActor Actor(HttpContext context)
    {
        var access = SubjectAccess.For(context);
        return new BookingActor(access.Actor, access.Subject, access.Basis);
    }

    private static string Location(HttpContext context, Appointment appointment) =>
        $"/api/v1/persons/{context.GetRouteValue(SubjectScopeExtensions.SubjectRouteValue)}/appointments/{appointment.Id:D}";

    /// <summary>A date is a whole Europe/Oslo day (a 'to' date includes that day); an instant is taken as it is.</summary>
    /// <summary>The calendar a listing bound may name: far enough from the ends of .NET's that no conversion leaves it.</summary>
    private static readonly DateOnly EarliestBound = new(2000, 1, 1);

    private static readonly DateOnly LatestBound = new(2100, 12, 31);

    private static bool TryReadBound(string? raw, DateTimeOffset fallback, out DateTimeOffset bound, bool endOfDay)
    {
        bound = fallback;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        if (raw.Length > 40)
        {
            return false;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date < EarliestBound || date > LatestBound)
            {
                return false;
            }

            bound = NorwegianTime.ToUtc(endOfDay ? date.AddDays(1) : date, TimeOnly.MinValue);
            return true;
        }

        if (raw.Length > 10 && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (raw.EndsWith('Z') || raw[^6] is '+' or '-')
            && DateOnly.FromDateTime(instant.UtcDateTime) >= EarliestBound && DateOnly.FromDateTime(instant.UtcDateTime) <= LatestBound)
        {
            bound = instant.ToUniversalTime();
            return true;
        }

        return false;
    }
}
