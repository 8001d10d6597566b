namespace CitizenServices.UnitTests.Representation;

/// <summary>Builds valid synthetic (month + 80) numbers for any birth date, so a test can pick the birthday it needs.</summary>
internal static class SyntheticNumbers
{
    public static NationalIdentityNumber BornOn(DateOnly birth, int skip = 0)
    {
        // 2000–2039 use individual numbers 500–999; the 1900s use 000–499.
        var first = birth.Year >= 2000 ? 500 : 0;
        var found = 0;
        for (var individual = first; individual < first + 500; individual++)
        {
            var candidate = Number(birth, individual);
            if (candidate is { } number && found++ == skip)
            {
                return number;
            }
        }

        throw new InvalidOperationException($"No synthetic number for {birth}.");
    }

    private static NationalIdentityNumber? Number(DateOnly birth, int individual)
    {
        var digits = $"{birth.Day:00}{birth.Month + 80:00}{birth.Year % 100:00}{individual:000}";
        var k1 = Control(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
        if (k1 is null)
        {
            return null;
        }

        var k2 = Control(digits + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
        return k2 is null ? null : NationalIdentityNumber.Parse($"{digits}{k1}{k2}");
    }

    private static int? Control(string digits, int[] weights)
    {
        var sum = weights.Select((w, i) => w * (digits[i] - '0')).Sum();
        var control = 11 - (sum % 11);
        return control switch { 11 => 0, 10 => null, _ => control };
    }
}
