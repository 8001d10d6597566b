namespace CitizenServices.Domain.Fullmakt;

/// <summary>What a citizen asks for when giving a fullmakt, as received (areas unparsed, so errors can name them).</summary>
public sealed record FullmaktGrantDraft(NationalIdentityNumber Representative, IReadOnlyList<string>? ServiceAreas, DateOnly? ValidTo);

/// <summary>What an administrator registers for a person lacking capacity.</summary>
public sealed record CapacityFullmaktDraft(
    NationalIdentityNumber Representative, string? CertificateReference, DateOnly? ValidFrom, DateOnly? ValidTo, string RegisteredBy);

/// <summary>
/// The fullmakt rules (domain rules, "Representation"), pure over register facts, the principal's stored fullmakter
/// and the clock. Ages are decided on the Europe/Oslo date.
/// </summary>
public static class FullmaktRules
{
    public const int MinimumGiverAge = 16;
    public const int MinimumRepresentativeAge = 18;

    /// <summary>A fullmakt for a person lacking capacity lasts at most this many years.</summary>
    public const int CapacityMaximumYears = 5;

    /// <summary>Rule (policy): an ordinary fullmakt's last day is at most this many years ahead; without one it lasts until ended.</summary>
    public const int MaxYearsAhead = 10;

    public const int CertificateReferenceMaxLength = 100;

    /// <summary>
    /// Rules for a fullmakt the principal gives: giver 16+ and not lacking capacity; representative 18+ and not the
    /// giver; both registered, alive and without a protected address; one or more known service areas; an end date,
    /// when given, after today; and no other current fullmakt to the same representative (a change is an end plus a
    /// new grant).
    /// </summary>
    public static Result<Fullmakt> Grant(
        FullmaktParty giver, FullmaktParty representative, FullmaktGrantDraft draft, IEnumerable<Fullmakt> giversFullmakter,
        Guid id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(giver);
        ArgumentNullException.ThrowIfNull(representative);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(giversFullmakter);
        var today = DateOnly.FromDateTime(NorwegianTime.ToOslo(now).DateTime);
        var existing = giversFullmakter.ToList();

        if (CheckGiver(giver, "subject", today) is { } giverError)
        {
            return giverError;
        }

        if (existing.Any(f => f.Kind == FullmaktKind.LackingCapacity && f.StatusAt(now) == FullmaktStatus.Active))
        {
            return Error.Invalid("giver-lacks-capacity", "subject",
                "A person registered as lacking capacity to consent cannot give a fullmakt.");
        }

        if (CheckRepresentative(giver.Id, representative, today) is { } representativeError)
        {
            return representativeError;
        }

        var areas = ParseAreas(draft.ServiceAreas);
        if (areas.Error is { } areaError)
        {
            return areaError;
        }

        if (draft.ValidTo is { } validTo && validTo <= today)
        {
            return Error.Invalid("end-date-not-after-start", "validTo",
                $"validTo must be after the start date {today:yyyy-MM-dd}; leave it out for a fullmakt until further notice.");
        }

        if (draft.ValidTo > today.AddYears(MaxYearsAhead))
        {
            return Error.Invalid("end-date-too-far", "validTo",
                $"validTo can be at most {MaxYearsAhead} years ahead; leave it out for a fullmakt until further notice.");
        }

        if (existing.Any(f => f.Kind == FullmaktKind.Ordinary && f.Representative == representative.Id && f.IsCurrentAt(now)))
        {
            return Error.Conflict("fullmakt-already-given", "representative",
                "This person already holds a current fullmakt from you. To change it, end it and give a new one.");
        }

        return Result.Ok(new Fullmakt
        {
            Id = id,
            Kind = FullmaktKind.Ordinary,
            Giver = giver.Id,
            Representative = representative.Id,
            ServiceAreas = areas.Value,
            GrantedAt = now,
            ValidFrom = now,
            ValidToDate = draft.ValidTo,
        });
    }

    /// <summary>
    /// Rules for a fullmakt for a person lacking capacity: the principal (16+, of age for health matters) and the
    /// representative (18+, the nearest relative as the administrator attests) registered, alive, without a protected
    /// address and not the same person; a certificate reference; every service area; a start today or later; an end
    /// date required, after the start and within <see cref="CapacityMaximumYears"/> years; and no overlap with another
    /// current one for the principal (renewal: the new one starts after the old one ends).
    /// </summary>
    public static Result<Fullmakt> GrantForPersonLackingCapacity(
        FullmaktParty principal, FullmaktParty representative, CapacityFullmaktDraft draft, IEnumerable<Fullmakt> principalsFullmakter,
        Guid id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(representative);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(principalsFullmakter);
        var today = DateOnly.FromDateTime(NorwegianTime.ToOslo(now).DateTime);

        if (CheckGiver(principal, "principal", today) is { } principalError)
        {
            return principalError;
        }

        if (CheckRepresentative(principal.Id, representative, today) is { } representativeError)
        {
            return representativeError;
        }

        var reference = draft.CertificateReference?.Trim();
        if (string.IsNullOrEmpty(reference) || reference.Length > CertificateReferenceMaxLength || reference.Any(char.IsControl))
        {
            return Error.Invalid("certificate-reference-required", "certificateReference",
                $"certificateReference (the doctor's certificate) is required: 1-{CertificateReferenceMaxLength} characters.");
        }

        var from = draft.ValidFrom ?? today;
        if (from < today)
        {
            return Error.Invalid("start-date-in-past", "validFrom", $"validFrom must be today ({today:yyyy-MM-dd}) or later.");
        }

        // A renewal starts after the current one's last day, which is at most the maximum period ahead.
        if (from > today.AddYears(CapacityMaximumYears))
        {
            return Error.Invalid("start-date-too-far", "validFrom",
                $"validFrom can be at most {CapacityMaximumYears} years ahead: a renewal starts when the current fullmakt ends.");
        }

        if (draft.ValidTo is not { } to)
        {
            return Error.Invalid("end-date-required", "validTo",
                $"validTo is required: a fullmakt for a person lacking capacity lasts at most {CapacityMaximumYears} years.");
        }

        if (to <= from)
        {
            return Error.Invalid("end-date-not-after-start", "validTo", $"validTo must be after validFrom ({from:yyyy-MM-dd}).");
        }

        var last = LastDayOfCapacityPeriod(from);
        if (to > last)
        {
            return Error.Invalid("period-too-long", "validTo",
                $"A fullmakt for a person lacking capacity lasts at most {CapacityMaximumYears} years: validTo must be {last:yyyy-MM-dd} or earlier.");
        }

        var overlapping = principalsFullmakter.FirstOrDefault(f =>
            f.Kind == FullmaktKind.LackingCapacity && f.IsCurrentAt(now) && f.ValidFromDate <= to && (f.ValidToDate is null || from <= f.ValidToDate));
        if (overlapping is not null)
        {
            return Error.Conflict("capacity-period-overlaps", "validFrom",
                $"A fullmakt for this person lacking capacity already runs until {overlapping.ValidToDate:yyyy-MM-dd}; a renewal starts after that day.");
        }

        return Result.Ok(new Fullmakt
        {
            Id = id,
            Kind = FullmaktKind.LackingCapacity,
            Giver = principal.Id,
            Representative = representative.Id,
            ServiceAreas = ServiceAreaCatalog.All,
            GrantedAt = now,
            ValidFrom = from == today ? now : NorwegianTime.ToUtc(from, TimeOnly.MinValue),
            ValidToDate = to,
            CertificateReference = reference,
            RegisteredBy = draft.RegisteredBy,
        });
    }

    /// <summary>
    /// The last day a period starting on <paramref name="from"/> may cover: five years to the day, less one (so the
    /// period is never longer than five years). A start on 29 February counts from 28 February five years on.
    /// </summary>
    public static DateOnly LastDayOfCapacityPeriod(DateOnly from) => from.AddYears(CapacityMaximumYears).AddDays(-1);

    /// <summary>
    /// Rule: either party may end a fullmakt at any time, with immediate effect. Anyone else is told it does not exist.
    /// Ending one that has already ended or expired changes nothing (<c>Changed</c> is false).
    /// </summary>
    public static Result<(Fullmakt Fullmakt, bool Changed)> End(Fullmakt fullmakt, NationalIdentityNumber caller, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fullmakt);
        FullmaktEndedBy by;
        if (caller == fullmakt.Giver)
        {
            by = FullmaktEndedBy.Giver;
        }
        else if (caller == fullmakt.Representative)
        {
            by = FullmaktEndedBy.Representative;
        }
        else
        {
            return NotFound();
        }

        return Result.Ok(fullmakt.IsCurrentAt(now)
            ? (fullmakt with { Ending = new FullmaktEnding(now, by) }, true)
            : (fullmakt, false));
    }

    public static Error NotFound() =>
        Error.NotFound(Error.NotFoundCode, "id", "No fullmakt with this id where you are the giver or the representative.");

    private static Error? CheckGiver(FullmaktParty giver, string field, DateOnly today) => giver.Standing switch
    {
        PartyStanding.Eligible when giver.Id.AgeOn(today) < MinimumGiverAge => Error.Invalid("giver-too-young", field,
            $"{field}: the giver of a fullmakt must be at least {MinimumGiverAge} years old."),
        PartyStanding.Eligible => null,
        _ => Error.Invalid("giver-not-eligible", field, $"{field}: this person cannot be represented through a fullmakt on Helsenorge."),
    };

    private static Error? CheckRepresentative(NationalIdentityNumber giver, FullmaktParty representative, DateOnly today)
    {
        if (representative.Id == giver)
        {
            return Error.Invalid("representative-is-giver", "representative", "representative: a fullmakt cannot be given to oneself.");
        }

        // Unknown, deceased and protected-address people get the same answer, so the giver learns nothing about a
        // protected address (codes 6/7) from the reply.
        if (representative.Standing != PartyStanding.Eligible)
        {
            return Error.Invalid("representative-not-eligible", "representative",
                "representative: this person cannot receive a fullmakt on Helsenorge.");
        }

        return representative.Id.AgeOn(today) < MinimumRepresentativeAge
            ? Error.Invalid("representative-too-young", "representative",
                $"representative: a representative must be at least {MinimumRepresentativeAge} years old.")
            : null;
    }

    private static Result<IReadOnlyList<ServiceArea>> ParseAreas(IReadOnlyList<string>? raw)
    {
        if (raw is null || raw.Count == 0)
        {
            return Error.Invalid("service-areas-required", "serviceAreas",
                $"serviceAreas: choose one or more of {string.Join(", ", ServiceAreaCatalog.All)}.");
        }

        var areas = new List<ServiceArea>();
        for (var i = 0; i < raw.Count; i++)
        {
            if (!ServiceAreaCatalog.TryParse(raw[i], out var area))
            {
                return Error.Invalid("unknown-service-area", $"serviceAreas[{i}]",
                    $"serviceAreas[{i}]: not a service area; choose from {string.Join(", ", ServiceAreaCatalog.All)}.");
            }

            if (!areas.Contains(area))
            {
                areas.Add(area);
            }
        }

        // Stored in catalog order, so the same choice always reads (and hashes) the same.
        return Result.Ok<IReadOnlyList<ServiceArea>>(ServiceAreaCatalog.All.Where(areas.Contains).ToList());
    }
}
