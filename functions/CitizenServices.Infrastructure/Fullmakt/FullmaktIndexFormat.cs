namespace CitizenServices.Infrastructure.Fullmakt;

/// <summary>Fullmakt rows in the shared <see cref="RepresentedIndex"/>: the representative holds the fullmakt's basis.</summary>
internal sealed class FullmaktIndexFormat : IRepresentedIndexFormat
{
    public string Source => FullmaktRows.IndexSource;

    public IReadOnlyList<Application.Authorization.Representation>? Read(TableEntity row) =>
        FullmaktRows.Read(row) is { } f ? [new Application.Authorization.Representation(f.Representative, f.Giver, f.ToBasis())] : null;

    public string Signature(TableEntity row) => FullmaktRows.Signature(row);
}
