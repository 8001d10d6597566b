using System.Text.RegularExpressions;
using NCrontab;

namespace CitizenServices.Benchmarks;

/// <summary>
/// Timer executions per idle hour: the deployed schedules (the app settings in infra/main.bicep for the outbox sweep and the
/// register follower, the literal in function.json for the others), expanded with the same NCRONTAB parser the LocalHost's timer uses. An idle
/// app runs exactly these: a timer fires whether or not there is work.
/// </summary>
internal static partial class SweepSchedule
{
    public static void Print(string root)
    {
        var main = File.ReadAllText(Path.Combine(root, "infra", "main.bicep"));
        var sweep = Setting("OutboxSweepSchedule").Match(main).Groups[1].Value;
        var feed = Setting("RegisterFeedSchedule").Match(main).Groups[1].Value;
        var from = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        Console.WriteLine("## Timer executions per idle hour");
        Console.WriteLine();
        Console.WriteLine("| function | schedule | executions per hour |");
        Console.WriteLine("|---|---|---:|");
        Console.WriteLine(Row("OutboxSweep", sweep, from));
        Console.WriteLine(Row("RegisterFeed", feed, from));
        foreach (var definition in Directory.GetDirectories(Path.Combine(root, "functions", "definitions")).Order(StringComparer.Ordinal))
        {
            var json = File.ReadAllText(Path.Combine(definition, "function.json"));
            if (Schedule().Match(json) is { Success: true } match && !match.Groups[1].Value.StartsWith('%'))
            {
                Console.WriteLine(Row(Path.GetFileName(definition), match.Groups[1].Value, from));
            }
        }

        Console.WriteLine();
    }

    private static string Row(string name, string expression, DateTime from)
    {
        var schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        var count = schedule.GetNextOccurrences(from.AddTicks(-1), from.AddHours(1).AddTicks(-1)).Count();
        return $"| {name} | `{expression}` | {count.ToString(CultureInfo.InvariantCulture)} |";
    }

    private static Regex Setting(string name) => new(name + @":\s*'([^']+)'", RegexOptions.CultureInvariant);

    [GeneratedRegex("\"schedule\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex Schedule();
}
