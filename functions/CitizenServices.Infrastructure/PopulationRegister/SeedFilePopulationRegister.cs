using CitizenServices.Domain.Time;

namespace CitizenServices.Infrastructure.PopulationRegister;

/// <summary>
/// The population register backed by a committed JSON file of synthetic people, for development and test
/// environments until the Folkeregisteret adapter exists. Read once, validated, then served from memory. The same file
/// stands in for the regular GP register (<see cref="IRegularGpRegister"/>) until that adapter exists. People whose age
/// must hold as the calendar moves on (infants) are given as a birth some days before today; their numbers are made on
/// load, so every process that loads the file on the same Oslo date gives them the same numbers.
/// </summary>
public sealed class SeedFilePopulationRegister : IPopulationRegister, IRegularGpRegister
{
    private readonly Dictionary<NationalIdentityNumber, RegisteredPerson> _peopleById;
    private readonly Dictionary<NationalIdentityNumber, RegisteredPerson[]> _childrenByParent;
    private readonly Dictionary<NationalIdentityNumber, RegularGp> _regularGps;

    private SeedFilePopulationRegister(IReadOnlyList<SeedFileEntry> entries)
    {
        var people = entries.Select(entry => entry.Person).ToList();
        People = people;
        _regularGps = entries.Where(entry => entry.RegularGp is not null).ToDictionary(entry => entry.Person.Id, entry => entry.RegularGp!);
        _peopleById = people.ToDictionary(person => person.Id);
        _childrenByParent = people
            .SelectMany(child => child.ParentsWithParentalResponsibility, (child, parent) => (child, parent))
            .GroupBy(pair => pair.parent, pair => pair.child)
            .ToDictionary(group => group.Key, group => group.ToArray());
    }

    /// <summary>Everyone in the file, in file order.</summary>
    public IReadOnlyList<RegisteredPerson> People { get; }

    /// <summary>Loads and validates a seed file, with relative births (<c>born</c>) counted back from today in Oslo.</summary>
    /// <exception cref="InvalidSeedFileException">The file is missing, unreadable or breaks a rule; the message lists every problem.</exception>
    public static SeedFilePopulationRegister Load(string path) => Load(path, NorwegianTime.Today(TimeProvider.System));

    /// <summary>Loads and validates a seed file, with relative births (<c>born</c>) counted back from <paramref name="today"/>.</summary>
    /// <exception cref="InvalidSeedFileException">The file is missing, unreadable or breaks a rule; the message lists every problem.</exception>
    public static SeedFilePopulationRegister Load(string path, DateOnly today)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSeedFileException(
                $"Population register seed file '{path}' cannot be read: {exception.Message} "
                + $"Set {PopulationRegisterOptions.SectionName}:{nameof(PopulationRegisterOptions.SeedFile)} to the file's path.",
                exception);
        }

        return Parse(json, path, today);
    }

    /// <summary>Validates seed file content; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidSeedFileException">The content breaks a rule; the message lists every problem.</exception>
    public static SeedFilePopulationRegister Parse(string json, string source) => Parse(json, source, NorwegianTime.Today(TimeProvider.System));

    /// <summary>Validates seed file content, with relative births counted back from <paramref name="today"/>.</summary>
    /// <exception cref="InvalidSeedFileException">The content breaks a rule; the message lists every problem.</exception>
    public static SeedFilePopulationRegister Parse(string json, string source, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        return new SeedFilePopulationRegister(SeedFileReader.Read(json, source, today));
    }

    public Task<RegisteredPerson?> FindAsync(NationalIdentityNumber id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_peopleById.GetValueOrDefault(id));
    }

    public Task<RegularGp?> FindRegularGpAsync(NationalIdentityNumber patient, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_regularGps.GetValueOrDefault(patient));
    }

    public Task<IReadOnlyList<RegisteredPerson>> FindChildrenAsync(NationalIdentityNumber parent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<RegisteredPerson> children = _childrenByParent.TryGetValue(parent, out var found) ? found : [];
        return Task.FromResult(children);
    }
}
