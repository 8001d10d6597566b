namespace CitizenServices.Infrastructure;
/// <summary>Anchor for assembly scanning and architecture tests.</summary>
public static class InfrastructureAssembly;
