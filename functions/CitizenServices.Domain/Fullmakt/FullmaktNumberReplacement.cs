namespace CitizenServices.Domain.Fullmakt;

/// <summary>
/// Rule: a person whose D-number is replaced by a birth number keeps every relation (domain rules, "Representation").
/// A fullmakt names its parties by number; the replacement renames the party and changes nothing else: the areas,
/// the period and an ending stay as they were, and no event is raised (nothing about the fullmakt changed).
/// </summary>
public static class FullmaktNumberReplacement
{
    /// <summary>
    /// The fullmakt with <paramref name="former"/> replaced by <paramref name="current"/> as giver or representative; null
    /// when it names neither (already followed, so reading the register's feed again changes nothing).
    /// </summary>
    public static Fullmakt? Follow(Fullmakt fullmakt, NationalIdentityNumber former, NationalIdentityNumber current)
    {
        ArgumentNullException.ThrowIfNull(fullmakt);
        if (former == current || (fullmakt.Giver != former && fullmakt.Representative != former))
        {
            return null;
        }

        return fullmakt with
        {
            Giver = fullmakt.Giver == former ? current : fullmakt.Giver,
            Representative = fullmakt.Representative == former ? current : fullmakt.Representative,
        };
    }
}
