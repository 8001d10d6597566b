using BenchmarkDotNet.Running;

namespace CitizenServices.MicroBenchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher, so any of its options apply, e.g.
/// <c>-- --filter '*' --job short</c> or <c>-- --filter '*Triage*'</c>.
/// </summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
