using System.Reflection;
using System.Xml.Linq;
using CitizenServices.Application;
using CitizenServices.Domain;

namespace CitizenServices.UnitTests.Architecture;

/// <summary>
/// Domain and Application hold the rules; they must stay free of Azure and ASP.NET so the rules can be
/// tested and reasoned about without hosting or storage. Checked twice: what the compiled assemblies
/// reference, and what the project files ask for (a reference not yet used still counts).
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] ForbiddenPrefixes = ["Azure", "Microsoft.AspNetCore", "Microsoft.Identity"];

    public static TheoryData<string> InnerLayers => new() { "CitizenServices.Domain", "CitizenServices.Application" };

    [Theory]
    [MemberData(nameof(InnerLayers))]
    public void InnerLayer_WhenCompiled_ReferencesNoAzureOrAspNetAssembly(string assemblyName)
    {
        var assembly = LoadLayer(assemblyName);

        var offending = Closure(assembly)
            .Where(name => ForbiddenPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [MemberData(nameof(InnerLayers))]
    public void InnerLayer_ProjectFile_DeclaresNoAzureOrAspNetReference(string projectName)
    {
        var project = XDocument.Load(ProjectFile(projectName));

        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference" or "ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .ToList();
        var offending = references
            .Where(r => ForbiddenPrefixes.Any(p => Path.GetFileNameWithoutExtension(r).StartsWith(p, StringComparison.Ordinal)))
            .Concat(references.Where(r => r.Contains("Infrastructure", StringComparison.Ordinal) || r.Contains("Functions", StringComparison.Ordinal)))
            .ToList();
        var sdk = (string?)project.Root?.Attribute("Sdk");

        Assert.Empty(offending);
        Assert.Equal("Microsoft.NET.Sdk", sdk);
    }

    [Fact]
    public void Domain_WhenCompiled_DoesNotReferenceApplication()
    {
        var names = Closure(LoadLayer("CitizenServices.Domain"));

        Assert.DoesNotContain("CitizenServices.Application", names);
    }

    private static Assembly LoadLayer(string name) => name switch
    {
        "CitizenServices.Domain" => typeof(DomainAssembly).Assembly,
        "CitizenServices.Application" => typeof(ApplicationAssembly).Assembly,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an inner layer."),
    };

    /// <summary>Names of every assembly reachable by reference from ours, following only our own assemblies.</summary>
    private static HashSet<string> Closure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && seen.Add(name) && name.StartsWith("CitizenServices.", StringComparison.Ordinal))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return seen;
    }

    private static string ProjectFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "functions", name, name + ".csproj");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name}.csproj not found above {AppContext.BaseDirectory}");
    }
}
