namespace CitizenServices.Application.Booking;

/// <summary>
/// A rule a kind of schedule adds to taking one of its slots (hold, book, reschedule), checked after the ordinary booking
/// rules, which it never replaces. Booking knows no kind's rule: the module that owns the kind plugs it in here (nettlege
/// does for its video schedules), as the representation kinds plug into authorization.
/// </summary>
public interface IBookingRule
{
    /// <summary>Null when the subject may take a slot of <paramref name="schedule"/>; else the precise refusal.</summary>
    Task<Error?> CheckAsync(NationalIdentityNumber subject, Schedule schedule, CancellationToken cancellationToken);
}
