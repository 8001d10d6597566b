namespace CitizenServices.Functions.Requests;

/// <summary>
/// A constraint on a request field that the contract states. Where a use case already checks the same thing with its
/// own, more telling error (<c>unknown-service-area</c>, <c>slot-not-found</c>), <see cref="CheckedByDomain"/> leaves the
/// check to it, so the constraint is documented once and enforced once.
/// </summary>
public abstract class RequestRuleAttribute : ValidationAttribute
{
    public bool CheckedByDomain { get; init; }

    public sealed override bool IsValid(object? value) => CheckedByDomain || value is null || Check(value);

    protected abstract bool Check(object value);
}

/// <summary>A string (or every string of an array) matches <see cref="Pattern"/> (ECMA-262 and .NET alike).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class FormatAttribute(string pattern, string description) : RequestRuleAttribute
{
    public string Pattern { get; } = pattern;

    public string Description { get; } = description;

    /// <summary>The JSON Schema <c>format</c> the pattern stands for, where there is one (<c>date</c>).</summary>
    public string? SchemaFormat { get; init; }

    protected override bool Check(object value) => value switch
    {
        string text => Regex.IsMatch(text, Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)),
        IEnumerable items => items.Cast<object?>().All(i => i is not string s || Check(s)),
        _ => false,
    };
}

/// <summary>An array has <see cref="Minimum"/> to <see cref="Maximum"/> elements.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ItemCountAttribute(int minimum, int maximum) : RequestRuleAttribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;

    protected override bool Check(object value) => value is ICollection items && items.Count >= Minimum && items.Count <= Maximum;
}

/// <summary>A whole number from <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BetweenAttribute(int minimum, int maximum) : RequestRuleAttribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;

    protected override bool Check(object value) => value is int number && number >= Minimum && number <= Maximum;
}

/// <summary>A string of <see cref="Minimum"/> to <see cref="Maximum"/> characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextLengthAttribute(int minimum, int maximum) : RequestRuleAttribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;

    protected override bool Check(object value) => value is string text && text.Length >= Minimum && text.Length <= Maximum;
}
