using CitizenServices.Application;
using CitizenServices.Domain;
using CitizenServices.Infrastructure;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace CitizenServices.UnitTests.Architecture;

/// <summary>
/// Inside each assembly, a module is the namespace under the assembly's own (<c>CitizenServices.Application.Booking</c>
/// is the module <c>Booking</c>). Modules may depend on each other only one way: a cycle means neither can be
/// understood, tested or changed without the other. Read from the compiled IL (signatures, attributes and method
/// bodies, lambdas and state machines included), so a dependency hidden behind a fully qualified name still counts.
/// The module map the test enforces is drawn in docs/architecture.md.
/// </summary>
public sealed class ModuleCycleTests
{
    public static TheoryData<string> Assemblies => new()
    {
        typeof(DomainAssembly).Assembly.Location,
        typeof(ApplicationAssembly).Assembly.Location,
        typeof(InfrastructureAssembly).Assembly.Location,
        typeof(CitizenServices.Functions.Hosting.CitizenServicesApp).Assembly.Location,
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Modules_WhenCompiled_DependOnEachOtherWithoutACycle(string assemblyPath)
    {
        var graph = ModuleGraph.Read(assemblyPath);

        var cycles = graph.Cycles().Select(c => string.Join(" -> ", c.Append(c[0]))).ToList();

        Assert.True(cycles.Count == 0, $"Module cycles in {Path.GetFileName(assemblyPath)}:\n{string.Join("\n", cycles)}\n\nWhere:\n{graph.Explain(cycles)}");
    }

    [Fact]
    public void ModuleGraph_WhenTwoModulesReferToEachOther_ReportsTheCycle()
    {
        // The detector itself: Domain's modules refer to Identity and Errors one way; a made-up back edge must show.
        var graph = ModuleGraph.Read(typeof(DomainAssembly).Assembly.Location);
        var (from, to) = graph.Edges.First();

        var withBackEdge = graph.WithEdge(to, from);
        var cycles = withBackEdge.Cycles();

        Assert.Contains(cycles, c => c.Contains(from) && c.Contains(to));
        Assert.Contains($"{from} -> {to}: ", withBackEdge.Explain([$"{from} -> {to}"]), StringComparison.Ordinal);
    }
}

/// <summary>The modules of one assembly and which refer to which, with one example reference for each edge.</summary>
internal sealed class ModuleGraph
{
    private readonly Dictionary<string, HashSet<string>> _edges;
    private readonly Dictionary<(string From, string To), string> _examples;
    private readonly Dictionary<(string From, string To), HashSet<string>> _references;

    private ModuleGraph(
        Dictionary<string, HashSet<string>> edges, Dictionary<(string, string), string> examples, Dictionary<(string, string), HashSet<string>> references)
    {
        _edges = edges;
        _examples = examples;
        _references = references;
    }

    public IEnumerable<(string From, string To)> Edges => _edges.SelectMany(e => e.Value.Select(to => (e.Key, to)));

    public static ModuleGraph Read(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var root = assembly.Name.Name + ".";
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var examples = new Dictionary<(string, string), string>();
        var references = new Dictionary<(string, string), HashSet<string>>();

        string? ModuleOf(TypeReference? type)
        {
            while (type is { DeclaringType: not null })
            {
                type = type.DeclaringType;
            }

            if (type is null || type.Scope is not ModuleDefinition || !type.Namespace.StartsWith(root, StringComparison.Ordinal))
            {
                return null;
            }

            return type.Namespace[root.Length..].Split('.')[0];
        }

        foreach (var type in assembly.MainModule.GetTypes())
        {
            var from = ModuleOf(type);
            if (from is null)
            {
                continue;
            }

            foreach (var (referenced, where) in References(type))
            {
                foreach (var part in Flatten(referenced))
                {
                    var to = ModuleOf(part);
                    if (to is null || to == from)
                    {
                        continue;
                    }

                    if (!edges.TryGetValue(from, out var targets))
                    {
                        edges[from] = targets = new HashSet<string>(StringComparer.Ordinal);
                    }

                    if (targets.Add(to))
                    {
                        examples[(from, to)] = $"{where} uses {part.FullName}";
                        references[(from, to)] = new HashSet<string>(StringComparer.Ordinal);
                    }

                    // Counted by type pair, not by IL instruction or compiler-generated type: what would have to change.
                    references[(from, to)].Add(Outermost(type).FullName + " uses " + part.FullName);
                }
            }
        }

        return new ModuleGraph(edges, examples, references);
    }

    public ModuleGraph WithEdge(string from, string to)
    {
        var edges = _edges.ToDictionary(e => e.Key, e => new HashSet<string>(e.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        if (!edges.TryGetValue(from, out var targets))
        {
            edges[from] = targets = new HashSet<string>(StringComparer.Ordinal);
        }

        targets.Add(to);
        return new ModuleGraph(edges, _examples, _references);
    }

    /// <summary>Each strongly connected group of two or more modules, as one cycle through it (Tarjan).</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<List<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in _edges.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(to, out var toIndex))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], toIndex);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);

                if (group.Count > 1)
                {
                    groups.Add(group.Order(StringComparer.Ordinal).ToList());
                }
            }
        }

        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return groups;
    }

    public string Explain(IEnumerable<string> cycles)
    {
        var members = cycles.SelectMany(c => c.Split(" -> ")).ToHashSet(StringComparer.Ordinal);
        return string.Join("\n", _examples
            .Where(e => members.Contains(e.Key.From) && members.Contains(e.Key.To))
            .OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
            .Select(e => $"  {e.Key.From} -> {e.Key.To}: {e.Value}{More(e.Key)}"));
    }

    /// <summary>How much else crosses the same edge, so whoever cuts it knows the example is not the only reference.</summary>
    private string More((string From, string To) edge)
    {
        var count = _references.GetValueOrDefault(edge)?.Count ?? 0;
        return count > 1 ? $" (and {count - 1} more type-to-type references)" : string.Empty;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static IEnumerable<(TypeReference Type, string Where)> References(TypeDefinition type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return (baseType, type.FullName);
        }

        foreach (var face in type.Interfaces)
        {
            yield return (face.InterfaceType, type.FullName);
        }

        foreach (var attribute in type.CustomAttributes)
        {
            yield return (attribute.AttributeType, type.FullName);
        }

        foreach (var field in type.Fields)
        {
            yield return (field.FieldType, $"{type.FullName}.{field.Name}");
        }

        foreach (var property in type.Properties)
        {
            yield return (property.PropertyType, $"{type.FullName}.{property.Name}");
        }

        foreach (var method in type.Methods)
        {
            var where = $"{type.FullName}.{method.Name}";
            yield return (method.ReturnType, where);
            foreach (var parameter in method.Parameters)
            {
                yield return (parameter.ParameterType, where);
            }

            foreach (var attribute in method.CustomAttributes)
            {
                yield return (attribute.AttributeType, where);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                yield return (variable.VariableType, where);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference operand:
                        yield return (operand, where);
                        break;
                    case MethodReference operand:
                        yield return (operand.DeclaringType, where);
                        yield return (operand.ReturnType, where);
                        if (operand is GenericInstanceMethod generic)
                        {
                            foreach (var argument in generic.GenericArguments)
                            {
                                yield return (argument, where);
                            }
                        }

                        break;
                    case FieldReference operand:
                        yield return (operand.DeclaringType, where);
                        yield return (operand.FieldType, where);
                        break;
                }
            }
        }
    }

    /// <summary>A type and every type it is built from: generic arguments, array and by-ref element types.</summary>
    private static IEnumerable<TypeReference> Flatten(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var argument in generic.GenericArguments.SelectMany(Flatten))
                {
                    yield return argument;
                }

                break;
            case TypeSpecification specification:
                foreach (var element in Flatten(specification.ElementType))
                {
                    yield return element;
                }

                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
