using CitizenServices.Application.Organisations;

namespace CitizenServices.Infrastructure.Organisations;

/// <summary>Configuration section <c>Organisations</c>.</summary>
public sealed class OrganisationRegisterOptions() : SeedFileOptions("seed/organisations.json")
{
    public const string SectionName = "Organisations";
}

/// <summary>
/// Organisation names from a committed JSON file (<c>functions/seed/organisations.json</c>), read once and validated, until
/// an adapter for the Register of Legal Entities (Enhetsregisteret) exists. A sub-unit names its legal entity.
/// </summary>
public sealed class SeedFileOrganisationRegister : IOrganisationRegister
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly Dictionary<OrganisationNumber, RegisteredOrganisation> _byNumber;

    private SeedFileOrganisationRegister(Dictionary<OrganisationNumber, RegisteredOrganisation> byNumber) => _byNumber = byNumber;

    public IReadOnlyCollection<RegisteredOrganisation> Organisations => _byNumber.Values;

    public Task<RegisteredOrganisation?> FindAsync(OrganisationNumber number, CancellationToken cancellationToken) =>
        Task.FromResult(_byNumber.GetValueOrDefault(number));

    /// <exception cref="InvalidOperationException">The file is missing, unreadable or breaks a rule; the message lists every problem.</exception>
    public static SeedFileOrganisationRegister Load(string path)
    {
        SeedDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SeedDocument>(File.ReadAllText(path), Json);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidOperationException(
                $"Organisation seed file '{path}' cannot be read: {exception.Message} Set {OrganisationRegisterOptions.SectionName}:SeedFile to the file's path.",
                exception);
        }

        var problems = new List<string>();
        var byNumber = new Dictionary<OrganisationNumber, RegisteredOrganisation>();
        var entries = document?.Organisations ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!OrganisationNumber.TryParse(entry.Number, out var number))
            {
                problems.Add($"organisations[{i}].number: not a valid organisation number.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(entry.Name) || entry.Name.Length > 200 || entry.Name.Any(char.IsControl))
            {
                problems.Add($"organisations[{i}].name: 1-200 characters without control characters.");
                continue;
            }

            if (entry.LegalEntity is not null && (!OrganisationNumber.TryParse(entry.LegalEntity, out var legal) || legal == number))
            {
                problems.Add($"organisations[{i}].legalEntity: the organisation number of another organisation.");
                continue;
            }

            if (!byNumber.TryAdd(number, new RegisteredOrganisation(number, entry.Name)))
            {
                problems.Add($"organisations[{i}].number: {number} is listed twice.");
            }
        }

        foreach (var (entry, index) in entries.Select((e, i) => (e, i)))
        {
            if (entry.LegalEntity is not null && OrganisationNumber.TryParse(entry.LegalEntity, out var legal) && !byNumber.ContainsKey(legal))
            {
                problems.Add($"organisations[{index}].legalEntity: {legal} is not in the file.");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Organisation seed file '{path}' is not valid:\n" + string.Join('\n', problems));
        }

        return new SeedFileOrganisationRegister(byNumber);
    }

    private sealed record SeedDocument(List<SeedOrganisation>? Organisations);

    private sealed record SeedOrganisation(string? Number, string? Name, string? LegalEntity);
}

public static class OrganisationRegisterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SeedFileOrganisationRegister"/> as <see cref="IOrganisationRegister"/> from the <c>Organisations</c>
    /// section, read in the background from registration and checked when the host starts, so a broken file stops the app.
    /// </summary>
    public static IServiceCollection AddSeedFileOrganisationRegister(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSeedFile<OrganisationRegisterOptions, SeedFileOrganisationRegister, InvalidOperationException>(
            configuration, OrganisationRegisterOptions.SectionName, SeedFileOrganisationRegister.Load);
        services.AddSingleton<IOrganisationRegister>(provider => provider.GetRequiredService<SeedFileOrganisationRegister>());
        return services;
    }
}
