namespace CitizenServices.DeploymentTests;

/// <summary>One resource of the compiled template, with its expressions evaluated as far as they can be offline.</summary>
/// <param name="Id">Canonical id (see <see cref="ArmScope.CanonicalId"/>), comparable with <see cref="Scope"/>.</param>
/// <param name="Scope">For extension resources such as role assignments: the canonical id they apply to.</param>
/// <param name="Condition">false when the resource is deployed only conditionally and the condition is off.</param>
/// <param name="Deployment">The module (nested deployment) the resource is declared in.</param>
internal sealed record ArmResource(
    string Type,
    string Name,
    string Id,
    string? Scope,
    object? Condition,
    IReadOnlyDictionary<string, object?> Body,
    string Deployment)
{
    public object? Properties => Body.GetValueOrDefault("properties");

    public object? Get(params string[] path)
    {
        object? current = Properties;
        foreach (var segment in path)
        {
            current = current is IReadOnlyDictionary<string, object?> d ? d.GetValueOrDefault(segment) : null;
        }

        return current;
    }

    public string LastName => Name.Split('/')[^1];
}

/// <summary>
/// The compiled ARM JSON flattened across Bicep modules (nested deployments), with copy loops expanded.
/// Module parameters are evaluated in the parent and passed in, so a name built from a literal list in main.bicep is
/// visible on the resource in the module that creates it.
/// </summary>
internal sealed class ArmTemplate
{
    private ArmTemplate(IReadOnlyList<ArmResource> resources) => Resources = resources;

    public IReadOnlyList<ArmResource> Resources { get; }

    /// <param name="parameters">Values for top-level parameters instead of their defaults, as `azd env set` would give.</param>
    public static ArmTemplate Parse(string json, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("Empty template.");
        var resources = new List<ArmResource>();
        Walk(root, TopLevelParameters(root, parameters ?? new Dictionary<string, object?>()), "main", true, resources);
        return new ArmTemplate(resources);
    }

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase) && r.Condition is not false);

    private static Dictionary<string, object?> TopLevelParameters(JsonObject template, IReadOnlyDictionary<string, object?> given)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var definitions = template["parameters"]?.AsObject() ?? [];
        // Defaults may refer to other parameters, so they are evaluated in a scope that already has the earlier ones.
        foreach (var (name, definition) in definitions)
        {
            var scope = new ArmScope(parameters, template["variables"]?.AsObject());
            parameters[name] = given.TryGetValue(name, out var value) ? value
                : definition?["defaultValue"] is { } defaultValue
                ? scope.Evaluate(defaultValue)
                : new Opaque($"parameters('{name}')");
        }

        return parameters;
    }

    /// <param name="deployed">false inside a module whose own condition is off: nothing in it is deployed.</param>
    private static void Walk(
        JsonObject template, IReadOnlyDictionary<string, object?> parameters, string deployment, bool deployed, List<ArmResource> into)
    {
        var scope = new ArmScope(parameters, template["variables"]?.AsObject());
        var declared = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(), // languageVersion 2.0
            _ => [],
        };

        foreach (var resource in declared)
        {
            if (resource["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            var count = resource["copy"]?["count"] is { } countNode ? scope.Evaluate(countNode) : 1L;
            if (count is not long copies)
            {
                throw new InvalidOperationException($"Cannot evaluate the copy count of {resource["name"]} in {deployment}: {count}.");
            }

            for (var i = 0; i < copies; i++)
            {
                var itemScope = resource["copy"] is null ? scope : scope.WithCopyIndex(i);
                into.Add(Evaluate(resource, itemScope, deployment, deployed, into));
            }
        }
    }

    private static ArmResource Evaluate(JsonObject resource, ArmScope scope, string deployment, bool deployed, List<ArmResource> into)
    {
        var type = ArmScope.Text(scope.Evaluate(resource["type"]));
        var name = ArmScope.Text(scope.Evaluate(resource["name"]));
        var condition = !deployed ? false : resource["condition"] is { } c ? scope.Evaluate(c) : true;
        var resourceScope = resource["scope"] is { } s ? ArmScope.Text(scope.Evaluate(s)) : null;

        if (string.Equals(type, "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)
            && (resource["properties"] as JsonObject)?["template"] is JsonObject nested)
        {
            // The nested template's own expressions belong to its scope: only its parameter values are evaluated here.
            var moduleParameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (parameterName, value) in resource["properties"]?["parameters"]?.AsObject() ?? [])
            {
                moduleParameters[parameterName] = scope.Evaluate(value) is IReadOnlyDictionary<string, object?> wrapper
                    && wrapper.TryGetValue("value", out var inner)
                    ? inner
                    : new Opaque($"module parameter {parameterName}");
            }

            foreach (var (parameterName, definition) in nested["parameters"]?.AsObject() ?? [])
            {
                if (!moduleParameters.ContainsKey(parameterName) && definition?["defaultValue"] is { } defaultValue)
                {
                    moduleParameters[parameterName] = new ArmScope(moduleParameters, nested["variables"]?.AsObject()).Evaluate(defaultValue);
                }
            }

            Walk(nested, moduleParameters, name, condition is not false, into);
            return new ArmResource(type, name, ArmScope.CanonicalId(type, [name]), resourceScope, condition,
                new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase), deployment);
        }

        var body = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in resource)
        {
            if (key is not ("type" or "name" or "scope" or "condition" or "copy" or "dependsOn"))
            {
                body[key] = scope.Evaluate(value);
            }
        }

        return new ArmResource(type, name, ArmScope.CanonicalId(type, name.Split('/')), resourceScope, condition, body, deployment);
    }
}
