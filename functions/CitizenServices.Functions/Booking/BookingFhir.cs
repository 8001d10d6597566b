using Hl7.Fhir.Model;
using Appointment = Hl7.Fhir.Model.Appointment;
using Slot = Hl7.Fhir.Model.Slot;
using static CitizenServices.Functions.Fhir.FhirContent;

namespace CitizenServices.Functions.Booking;

/// <summary>Booking in FHIR R4: free slots as <see cref="Slot"/>, appointments as <see cref="Appointment"/>.</summary>
public static class BookingFhir
{
    public static Bundle Slots(SlotListView list, HttpContext context) =>
        Searchset(list.Slots.Select(s => (Resource)new Slot
        {
            Id = IdOf("slot|" + s.ScheduleId + "|" + s.SlotId),
            Identifier = [new Identifier(CodeSystemBase + "slot-id", s.SlotId)],
            Schedule = ScheduleOf(s.ScheduleId),
            Status = Slot.SlotStatus.Free,
            Start = s.Start,
            End = s.End,
            ServiceType = [new CodeableConcept { Coding = [Code("channel", s.Channel)] }],
        }));

    public static Bundle Appointments(AppointmentListView list, HttpContext context) =>
        Searchset(list.Appointments.Select(a =>
        {
            var appointment = new Appointment
            {
                Id = IdOf("appointment|" + a.Id.ToString("N")),
                Identifier = [new Identifier(CodeSystemBase + "appointment-id", a.Id.ToString("D"))],
                Status = a.Status == "booked" ? Appointment.AppointmentStatus.Booked : Appointment.AppointmentStatus.Cancelled,
                ServiceCategory = [new CodeableConcept { Coding = [Code("schedule-kind", a.ScheduleKind)] }],
                ServiceType = [new CodeableConcept { Coding = [Code("channel", a.Channel)] }],
                Start = a.Start,
                End = a.End,
                MinutesDuration = a.LengthMinutes,
                Created = a.BookedAt.ToString("o"),
                Slot = [new ResourceReference { Identifier = new Identifier(CodeSystemBase + "slot-id", a.SlotId), Display = a.ScheduleId }],
            };
            appointment.Participant.Add(new Appointment.ParticipantComponent
            {
                Actor = new ResourceReference { Type = "Patient", Identifier = NationalIdentityNumber(a.Subject) },
                Required = Appointment.ParticipantRequired.Required,
                Status = ParticipationStatus.Accepted,
            });
            appointment.Participant.Add(new Appointment.ParticipantComponent
            {
                Actor = ScheduleOf(a.ScheduleId),
                Status = ParticipationStatus.Accepted,
            });
            return (Resource)appointment;
        }));

    private static ResourceReference ScheduleOf(string scheduleId) =>
        new() { Type = "Schedule", Identifier = new Identifier(CodeSystemBase + "schedule-id", scheduleId), Display = scheduleId };
}
