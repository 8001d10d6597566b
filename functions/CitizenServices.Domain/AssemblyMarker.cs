namespace CitizenServices.Domain;
/// <summary>Anchor for assembly scanning and architecture tests.</summary>
public static class DomainAssembly;
