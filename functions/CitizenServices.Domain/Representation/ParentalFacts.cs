namespace CitizenServices.Domain.Representation;

/// <summary>
/// The population-register facts the parental rule decides on, for one parent with parental responsibility
/// and one child.
/// </summary>
/// <param name="AResponsibleParentLivesWithChild">
/// Whether any living parent with parental responsibility (this one or the other) is registered at the child's address.
/// </param>
public sealed record ParentalFacts(
    NationalIdentityNumber Parent,
    NationalIdentityNumber Child,
    bool AResponsibleParentLivesWithChild,
    bool ParentIsDeceased,
    bool ChildIsDeceased);
