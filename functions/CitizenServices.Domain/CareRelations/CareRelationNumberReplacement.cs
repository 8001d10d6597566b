namespace CitizenServices.Domain.CareRelations;

/// <summary>
/// Rule: a person whose D-number is replaced by a birth number keeps every relation (domain rules, "Representation").
/// A foster parent's number is part of the child welfare service's decision as stored, so the replacement is a new
/// version of the relation, registered by the population register: the history shows the old number, when it was
/// replaced and by whom, and the decision itself (basis, period, scopes) is unchanged.
/// </summary>
public static class CareRelationNumberReplacement
{
    /// <summary>Who made a version that follows the register (<see cref="CareRelationVersion.ChangedBy"/>).</summary>
    public const string ChangedBy = "folkeregisteret";

    /// <summary>The channel of such a version (<see cref="CareRelationVersion.Channel"/>).</summary>
    public const string Channel = "population-register";

    /// <summary>
    /// The relation with a new version naming <paramref name="current"/> where its current version names
    /// <paramref name="former"/> as foster parent; null when there is nothing to do: the relation has ended (its history
    /// stays as it was) or does not name the former number (already replaced, so following the feed again adds nothing).
    /// </summary>
    public static CareRelation? ReplaceFosterParent(
        CareRelation relation, NationalIdentityNumber former, NationalIdentityNumber current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(relation);
        if (relation.Ended || !relation.Current.FosterParents.Contains(former))
        {
            return null;
        }

        var fosterParents = relation.Current.FosterParents.Select(p => p == former ? current : p).Distinct().ToList();
        var version = relation.Current with
        {
            Version = relation.Current.Version + 1,
            Change = CareRelationChange.Changed,
            FosterParents = fosterParents,
            ChangedBy = ChangedBy,
            Channel = Channel,
            ChangedAt = now,
            EndReason = null,
        };
        return relation with { History = [.. relation.History, version] };
    }
}
