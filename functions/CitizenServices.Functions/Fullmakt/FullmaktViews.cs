using CitizenServices.Domain.Fullmakt;

namespace CitizenServices.Functions.Fullmakt;

/// <summary>
/// A fullmakt as the API shows it. <c>validTo</c> is the last day it applies (Europe/Oslo), null until further
/// notice; <c>status</c> is derived from the clock at the time of the request; <c>history</c> lists what happened to it.
/// </summary>
public sealed record FullmaktView(
    Guid Id,
    string Kind,
    string Giver,
    string Representative,
    IReadOnlyList<string> ServiceAreas,
    IReadOnlyList<string> Scopes,
    DateTimeOffset ValidFrom,
    string? ValidTo,
    string Status,
    DateTimeOffset GrantedAt,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    string? CertificateReference,
    IReadOnlyList<FullmaktHistoryEntry> History)
{
    public static FullmaktView From(Domain.Fullmakt.Fullmakt f, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(f);
        var history = new List<FullmaktHistoryEntry>
        {
            new("granted", f.GrantedAt, f.Kind == FullmaktKind.LackingCapacity ? "administrator" : "giver"),
        };
        if (f.Ending is { } ending && (f.ExpiresAt is null || ending.At < f.ExpiresAt))
        {
            history.Add(new FullmaktHistoryEntry("ended", ending.At, Lower(ending.By.ToString())));
        }
        else if (f.ExpiresAt is { } expires && expires <= now)
        {
            history.Add(new FullmaktHistoryEntry("expired", expires, null));
        }

        return new FullmaktView(
            f.Id,
            f.Kind.Name(),
            f.Giver.Value,
            f.Representative.Value,
            f.ServiceAreas.Select(a => a.Value).ToList(),
            f.Scopes.Select(s => s.Value).Order(StringComparer.Ordinal).ToList(),
            f.ValidFrom,
            f.ValidToDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Lower(f.StatusAt(now).ToString()),
            f.GrantedAt,
            f.Ending?.At,
            f.Ending is { } e ? Lower(e.By.ToString()) : null,
            f.CertificateReference,
            history);
    }

    private static string Lower(string value) => value.ToLowerInvariant();
}

/// <param name="Change"><c>granted</c>, <c>ended</c> or <c>expired</c>.</param>
/// <param name="By"><c>giver</c>, <c>representative</c>, <c>administrator</c>; null for expiry.</param>
public sealed record FullmaktHistoryEntry(string Change, DateTimeOffset At, string? By);

/// <summary>The body of <c>GET /api/v1/persons/{subject}/fullmakter</c>; a direction left out by the query is null.</summary>
public sealed record FullmaktListView(IReadOnlyList<FullmaktView>? Given, IReadOnlyList<FullmaktView>? Received);

/// <summary>The body of <c>POST /api/v1/persons/{subject}/fullmakter</c>.</summary>
/// <param name="Representative">The 11-digit national identity number of the person who may act.</param>
/// <param name="ServiceAreas">One or more of <c>appointments</c>, <c>messages</c>, <c>health-records</c>, <c>prescriptions</c>.</param>
/// <param name="ValidTo">Optional last day (<c>yyyy-MM-dd</c>, Europe/Oslo); left out, the fullmakt applies until further notice.</param>
public sealed record GrantFullmaktBody(
    [property: Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage)] string Representative,
    [property: ItemCount(1, 4, CheckedByDomain = true), Vocabulary(Vocabulary.ServiceArea, CheckedByDomain = true)] IReadOnlyList<string> ServiceAreas,
    DateOnly? ValidTo = null) : IRequestBody;

/// <summary>The body of <c>POST /api/v1/admin/capacity-fullmakter</c>.</summary>
/// <param name="Principal">The person lacking capacity to consent.</param>
/// <param name="Representative">Their nearest relative (18+).</param>
/// <param name="CertificateReference">Reference to the doctor's certificate.</param>
/// <param name="ValidFrom">Optional first day (default today); a renewal starts after the current one's last day.</param>
/// <param name="ValidTo">Required last day, at most five years on.</param>
public sealed record CapacityFullmaktBody(
    [property: Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage)] string Principal,
    [property: Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage)] string Representative,
    [property: StringLength(FullmaktRules.CertificateReferenceMaxLength), FreeText] string CertificateReference,
    DateOnly ValidTo,
    DateOnly? ValidFrom = null) : IRequestBody;
