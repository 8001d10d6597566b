namespace CitizenServices.Functions.Requests;

/// <summary>The formats request fields share, as patterns for the contract and the body check alike.</summary>
public static class RequestPatterns
{
    public const string NationalIdentityNumber = "^[0-9]{11}$";
    public const string NationalIdentityNumberMessage = "An 11-digit national identity number.";

    public const string Municipality = "^[0-9]{4}$";
    public const string MunicipalityMessage = "A 4-digit kommunenummer.";

    public const string ScheduleId = "^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$";
    public const string ScheduleIdMessage = "A schedule id: 3-40 lowercase letters, digits and hyphens.";

    public const string SlotId = "^[0-9]{8}T[0-9]{4}Z-[0-9]{2}$";
    public const string SlotIdMessage = "A slot id as the slot listing gives it, e.g. 20261130T0800Z-00.";

    public const string Date = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    public const string DateMessage = "A date as yyyy-MM-dd (Europe/Oslo).";

    public const string PhoneNumber = "^\\+?[0-9 ]{3,20}$";
    public const string PhoneNumberMessage = "3-20 digits, optionally with spaces and a leading +.";

    public const string TimeOfDay = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    public const string TimeOfDayMessage = "A time of day as HH:mm (Europe/Oslo).";
}
