namespace CitizenServices.Application;
/// <summary>Anchor for assembly scanning and architecture tests.</summary>
public static class ApplicationAssembly;
