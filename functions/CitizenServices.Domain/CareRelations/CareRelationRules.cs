namespace CitizenServices.Domain.CareRelations;

/// <summary>The care relation errors more than one rule or use case returns.</summary>
public static class CareRelationErrors
{
    /// <summary>Rule: only the child welfare service responsible for the relation registers, changes, ends or reads it.</summary>
    public static Error OtherMunicipality { get; } = Error.Forbidden("other-municipality", "municipality",
        "Only the child welfare service of the municipality responsible for the relation may act on it.");
}

public enum CareRelationOutcome
{
    /// <summary>A new version was made.</summary>
    Applied,

    /// <summary>This decision reference and version were applied before: nothing changes, the stored relation is the answer.</summary>
    Duplicate,

    Rejected,
}

/// <param name="Relation">The relation after the command (applied) or as stored (duplicate).</param>
/// <param name="Error">Why it was rejected.</param>
public sealed record CareRelationDecision(CareRelationOutcome Outcome, CareRelation? Relation, Error? Error)
{
    public static implicit operator CareRelationDecision(Error error) => new(CareRelationOutcome.Rejected, null, error);
}

/// <summary>How a command changes a child's foster care relations (docs/foster-care.md, "Rules").</summary>
public static class CareRelationRules
{
    /// <summary>Foster care is for children: the child is under 18 on the first day.</summary>
    public const int ChildUnderAge = 18;

    /// <summary>A foster parent is an adult.</summary>
    public const int FosterParentMinimumAge = 18;

    /// <param name="relations">Every relation of the child, ended ones too.</param>
    /// <param name="parties">What the register says about the child and every foster parent the command names.</param>
    /// <param name="newId">The id of a registration whose sender did not choose one.</param>
    public static CareRelationDecision Decide(
        IReadOnlyList<CareRelation> relations,
        CareRelationCommand command,
        IReadOnlyDictionary<NationalIdentityNumber, RepresentationParty> parties,
        Guid newId,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(relations);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(parties);

        // Idempotent by decision reference + version: the same decision applied twice (a redelivered message, a
        // retried request) answers with what the first one made.
        var applied = relations.FirstOrDefault(r =>
            (command.RelationId is null || r.Id == command.RelationId)
            && r.History.Any(v => v.Version == command.Version && v.DecisionReference == command.DecisionReference));
        if (applied is not null)
        {
            return applied.Current.Municipality == command.Municipality
                ? new CareRelationDecision(CareRelationOutcome.Duplicate, applied, null)
                : CareRelationErrors.OtherMunicipality;
        }

        var current = command.RelationId is { } id ? relations.FirstOrDefault(r => r.Id == id) : null;
        if (command.Kind == CareRelationCommandKind.Register)
        {
            if (current is not null)
            {
                return Error.Conflict("relation-exists", "relationId", "A relation with this id is registered already; change it with a new version.");
            }

            if (command.Version != 1)
            {
                return Error.Conflict("version-conflict", "version", "A registration creates version 1.");
            }
        }
        else
        {
            if (current is null)
            {
                return Error.NotFound(Error.NotFoundCode, "relationId", "No such relation for this child.");
            }

            if (current.Current.Municipality != command.Municipality)
            {
                return CareRelationErrors.OtherMunicipality;
            }

            if (current.Ended)
            {
                return Error.Conflict("relation-ended", "relationId", "The relation has ended; register a new one.");
            }

            if (command.Version != current.Current.Version + 1)
            {
                return Error.Conflict("version-conflict", "version",
                    $"The relation is at version {current.Current.Version}; this change must create version {current.Current.Version + 1}.");
            }
        }

        var changedAt = now;
        if (command.Kind == CareRelationCommandKind.End)
        {
            var last = current!.Current;
            if (command.EndDate < last.ValidFrom.AddDays(-1))
            {
                return Error.Invalid("end-date-before-start", "endDate",
                    "endDate (the last day) must not be before the day before validFrom (which means it never applied).");
            }

            if (last.ValidTo is { } to && command.EndDate > to)
            {
                return Error.Invalid("end-date-after-period", "endDate", "endDate must not be after the relation's validTo.");
            }

            var ended = last with
            {
                Version = command.Version, Change = CareRelationChange.Ended, ValidTo = command.EndDate, DecisionReference = command.DecisionReference,
                ChangedBy = command.ChangedBy, Channel = command.Channel, ChangedAt = changedAt, EndReason = command.EndReason,
            };
            return new(CareRelationOutcome.Applied, current with { History = [.. current.History, ended] }, null);
        }

        if (Validate(command, parties, current?.Id ?? command.RelationId ?? newId, relations) is { } invalid)
        {
            return invalid;
        }

        var version = new CareRelationVersion
        {
            Version = command.Version,
            Change = current is null ? CareRelationChange.Registered : CareRelationChange.Changed,
            LegalBasis = command.LegalBasis!.Value,
            FosterParents = command.FosterParents,
            Institution = command.Institution,
            Municipality = command.Municipality,
            ValidFrom = command.ValidFrom!.Value,
            ValidTo = command.ValidTo,
            DelegatedScopes = command.DelegatedScopes,
            ParentsKeepDigitalAccess = command.ParentsKeepDigitalAccess ?? true,
            DecisionReference = command.DecisionReference,
            ChangedBy = command.ChangedBy,
            Channel = command.Channel,
            ChangedAt = changedAt,
        };
        var relation = current is null
            ? new CareRelation(command.RelationId ?? newId, command.Child, [version])
            : current with { History = [.. current.History, version] };
        return new(CareRelationOutcome.Applied, relation, null);
    }

    private static Error? Validate(
        CareRelationCommand command, IReadOnlyDictionary<NationalIdentityNumber, RepresentationParty> parties, Guid id, IReadOnlyList<CareRelation> relations)
    {
        var validFrom = command.ValidFrom ?? throw new ArgumentException("A registration or change carries validFrom.", nameof(command));
        if (!Eligible(parties, command.Child))
        {
            return Error.Invalid("child-not-eligible", "child", "The child must be registered and alive.");
        }

        // AgeOn refuses a day before the birth: a placement cannot start before the child is born.
        if (validFrom < command.Child.BirthDate)
        {
            return Error.Invalid("valid-from-before-birth", "validFrom", "validFrom must not be before the child's birth date.");
        }

        if (command.Child.AgeOn(validFrom) >= ChildUnderAge)
        {
            return Error.Invalid("child-of-age", "child", $"The child must be under {ChildUnderAge} on validFrom.");
        }

        if (command.FosterParents.Count == 0 && command.Institution is null)
        {
            return Error.Invalid("carer-required", "fosterParents", "Name one or two foster parents, or an institution.");
        }

        if (command.FosterParents.Count > 0 && command.Institution is not null)
        {
            return Error.Invalid("carer-ambiguous", "institution", "Name foster parents or an institution, not both.");
        }

        if (command.FosterParents.Count > 2)
        {
            return Error.Invalid("too-many-foster-parents", "fosterParents", "At most two foster parents.");
        }

        for (var i = 0; i < command.FosterParents.Count; i++)
        {
            var fosterParent = command.FosterParents[i];
            var field = $"fosterParents[{i}]";
            if (fosterParent == command.Child)
            {
                return Error.Invalid("foster-parent-is-child", field, "A foster parent cannot be the child.");
            }

            if (command.FosterParents.Take(i).Contains(fosterParent))
            {
                return Error.Invalid("foster-parent-repeated", field, "The same person is named twice.");
            }

            // One answer for unknown, deceased and under age, as for fullmakt representatives.
            if (!Eligible(parties, fosterParent) || validFrom < fosterParent.BirthDate || fosterParent.AgeOn(validFrom) < FosterParentMinimumAge)
            {
                return Error.Invalid("foster-parent-not-eligible", field, "A foster parent must be a registered, living adult (18+).");
            }
        }

        if (command.ValidTo is { } to && to < validFrom)
        {
            return Error.Invalid("end-date-before-start", "validTo", "validTo (the last day) must not be before validFrom.");
        }

        if (command.LegalBasis != FosterCareLegalBasis.VoluntaryPlacement && command.ParentsKeepDigitalAccess is null)
        {
            return Error.Invalid("parents-access-required", "parentsKeepDigitalAccess",
                "A care order or an emergency placement must state whether the parents keep digital access.");
        }

        var overlapping = relations.FirstOrDefault(r => r.Id != id && Overlaps(r, validFrom, command.ValidTo));
        if (overlapping is not null)
        {
            return Error.Conflict("relation-overlaps", "validFrom",
                "Another relation of the child covers part of this period; end it first (one placement at a time).");
        }

        return null;
    }

    private static bool Eligible(IReadOnlyDictionary<NationalIdentityNumber, RepresentationParty> parties, NationalIdentityNumber person) =>
        parties.TryGetValue(person, out var party) && party.IsRegistered && !party.IsDeceased;

    private static bool Overlaps(CareRelation other, DateOnly from, DateOnly? to) =>
        (other.Current.ValidTo is null || from <= other.Current.ValidTo) && (to is null || other.Current.ValidFrom <= to)
        && !(other.Current.ValidTo is { } otherTo && otherTo < other.Current.ValidFrom);

    /// <summary>The event of an applied change: registered, changed or ended, with the version after it.</summary>
    public static (string Type, FosterRelationData Data) EventOf(CareRelation relation, IReadOnlyList<NationalIdentityNumber> parents)
    {
        ArgumentNullException.ThrowIfNull(relation);
        var v = relation.Current;
        var type = v.Change switch
        {
            CareRelationChange.Registered => EventTypes.FosterRelationRegistered,
            CareRelationChange.Changed => EventTypes.FosterRelationChanged,
            _ => EventTypes.FosterRelationEnded,
        };
        return (type, new FosterRelationData(
            relation.Id, v.Version, relation.Child, v.FosterParents, parents, v.LegalBasis, v.ParentsKeepDigitalAccess, v.Municipality,
            v.ValidFrom, v.ValidTo, v.Institution?.OrganizationNumber));
    }
}
