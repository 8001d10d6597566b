using System.Globalization;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Testing;

/// <summary>
/// Valid synthetic national identity numbers (month + 80, as Skatteetaten's test numbers) of people who are not in the
/// seed: for a test that needs someone born on a given day (<see cref="BornOn"/>), or people no other test uses
/// (<see cref="Fresh"/>). They are in no register unless a test puts them there.
/// </summary>
public static class SyntheticPeople
{
    private static readonly object Gate = new();
    private static readonly HashSet<string> Seeded = typeof(Seed).GetFields()
        .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    private static DateOnly _nextDay = new(1950, 1, 1);

    /// <summary>
    /// A number for someone born on <paramref name="birth"/>: the first valid one, or the one after
    /// <paramref name="skip"/> others, for two people born the same day.
    /// </summary>
    public static NationalIdentityNumber BornOn(DateOnly birth, int skip = 0) =>
        AllBornOn(birth).Skip(skip).Select(number => (NationalIdentityNumber?)number).FirstOrDefault()
            ?? throw new InvalidOperationException($"No {skip + 1} synthetic numbers for {birth}.");

    /// <summary>
    /// <paramref name="count"/> adults (born from 1950 on, one day after another) whom no earlier call in this test
    /// process has handed out: a test that writes for them owns their partitions, whatever runs beside it.
    /// </summary>
    public static IReadOnlyList<NationalIdentityNumber> Fresh(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var people = new List<NationalIdentityNumber>(count);
        lock (Gate)
        {
            while (people.Count < count)
            {
                people.AddRange(AllBornOn(_nextDay).Where(number => !Seeded.Contains(number.Value)).Take(count - people.Count));
                _nextDay = _nextDay.AddDays(1);
            }
        }

        return people;
    }

    /// <summary>The same as <see cref="Fresh"/>, as the numbers' digits.</summary>
    public static IReadOnlyList<string> FreshNumbers(int count) => Fresh(count).Select(number => number.Value).ToList();

    /// <summary>Every valid synthetic number of someone born that day, in the order of their individual numbers.</summary>
    private static IEnumerable<NationalIdentityNumber> AllBornOn(DateOnly birth)
    {
        // The individual number carries the century: 2000-2039 use 500-999, the 1900s 000-499.
        var first = birth.Year >= 2000 ? 500 : 0;
        for (var individual = first; individual < first + 500; individual++)
        {
            var head = string.Create(CultureInfo.InvariantCulture, $"{birth.Day:00}{birth.Month + 80:00}{birth.Year % 100:00}{individual:000}");
            var k1 = Control(head, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
            var k2 = k1 is null ? null : Control(head + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
            if (k2 is not null && NationalIdentityNumber.TryParse($"{head}{k1}{k2}", out var number))
            {
                yield return number;
            }
        }
    }

    private static int? Control(string digits, int[] weights)
    {
        var sum = weights.Select((weight, i) => weight * (digits[i] - '0')).Sum();
        var control = 11 - (sum % 11);
        return control switch { 11 => 0, 10 => null, _ => control };
    }
}
