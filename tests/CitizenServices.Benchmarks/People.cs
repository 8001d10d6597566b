namespace CitizenServices.Benchmarks;

/// <summary>
/// Valid synthetic national identity numbers (month + 80, as in the test registers), one per partition: the relay's
/// cost depends on how events spread over partitions, so the benchmark needs many distinct people.
/// </summary>
internal static class People
{
    public static IReadOnlyList<NationalIdentityNumber> Synthetic(int count)
    {
        var people = new List<NationalIdentityNumber>(count);
        var day = new DateOnly(1970, 1, 1);
        while (people.Count < count)
        {
            for (var individual = 100; individual < 500 && people.Count < count; individual += 7)
            {
                var head = string.Create(
                    CultureInfo.InvariantCulture, $"{day.Day:00}{day.Month + 80:00}{day.Year % 100:00}{individual:000}");
                for (var controls = 0; controls < 100; controls++)
                {
                    if (NationalIdentityNumber.TryParse(head + controls.ToString("00", CultureInfo.InvariantCulture), out var number))
                    {
                        people.Add(number);
                        break;
                    }
                }
            }

            day = day.AddDays(1);
        }

        return people;
    }
}
