namespace CitizenServices.Domain.Booking;

/// <summary>The booking errors more than one use case returns.</summary>
public static class BookingErrors
{
    public static Error SlotTaken(string field) =>
        Error.Conflict("slot-taken", field, "This slot has just been booked or held by someone else; pick another.");

    public static Error ConcurrentChange() =>
        Error.ConcurrentChange("This person's appointments were changed by another request at the same time; try again.");
}
