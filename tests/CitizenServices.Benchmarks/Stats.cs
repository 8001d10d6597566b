namespace CitizenServices.Benchmarks;

/// <summary>Median, p95 and max of a sample (nearest-rank percentiles: every reported value was observed).</summary>
internal sealed record Summary(int Count, double Median, double P95, double Max, double Min)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Summary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), sorted[^1], sorted[0]);
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="percent"/>% of the sample at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

internal static class Format
{
    public static string N(double value, int decimals = 0) =>
        double.IsNaN(value) ? "-" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Ms(double milliseconds) => N(milliseconds, milliseconds < 100 ? 1 : 0);

    /// <summary>A Markdown table, so the output can be pasted into the docs as it is.</summary>
    public static void Table(string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine();
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }
    }
}
