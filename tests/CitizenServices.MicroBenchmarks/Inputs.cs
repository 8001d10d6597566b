namespace CitizenServices.MicroBenchmarks;

/// <summary>The committed inputs copied next to the benchmark assembly (see the project file).</summary>
internal static class Inputs
{
    public static string Path(string fileName) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Inputs", fileName);
}
