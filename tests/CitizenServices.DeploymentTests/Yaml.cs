using YamlDotNet.RepresentationModel;

namespace CitizenServices.DeploymentTests;

/// <summary>
/// A YAML file (azure.yaml, GitHub Actions workflows) as plain values: mappings become dictionaries, sequences lists,
/// scalars strings, exactly as written (no YAML 1.1 coercion of "on" or "yes" to booleans, which GitHub does not do).
/// </summary>
internal static class Yaml
{
    public static IReadOnlyDictionary<string, object?> LoadMapping(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var document = Assert.Single(stream.Documents);
        return Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Convert(document.RootNode));
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.ToDictionary(
            c => ((YamlScalarNode)c.Key).Value ?? string.Empty, c => Convert(c.Value), StringComparer.Ordinal),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };

    /// <summary>The value at a path of mapping keys, or null when any step is missing.</summary>
    public static object? At(this IReadOnlyDictionary<string, object?> mapping, params string[] path)
    {
        object? current = mapping;
        foreach (var key in path)
        {
            current = current is IReadOnlyDictionary<string, object?> d ? d.GetValueOrDefault(key) : null;
        }

        return current;
    }

    public static IReadOnlyDictionary<string, object?> Map(this IReadOnlyDictionary<string, object?> mapping, params string[] path) =>
        Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(mapping.At(path));

    public static string? Text(this IReadOnlyDictionary<string, object?> mapping, params string[] path) => mapping.At(path) as string;
}
