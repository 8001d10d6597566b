namespace CitizenServices.Infrastructure.Guardianships;

/// <summary>
/// Guardianship rows in the shared <see cref="RepresentedIndex"/>: the guardian holds the guardianship's basis when its
/// mandate gives access (personal or health matters); a row whose mandate gives none lists nothing.
/// </summary>
internal sealed class GuardianshipIndexFormat : IRepresentedIndexFormat
{
    public string Source => GuardianshipRows.IndexSource;

    public IReadOnlyList<Application.Authorization.Representation>? Read(TableEntity row) =>
        GuardianshipRows.Read(row) is not { } g ? null
        : g.Scopes.Count == 0 ? []
        : [new Application.Authorization.Representation(g.Guardian, g.Ward, g.ToBasis())];

    public string Signature(TableEntity row) => GuardianshipRows.Signature(row);
}
