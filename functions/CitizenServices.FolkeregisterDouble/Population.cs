using CitizenServices.Application.PopulationRegister;
using CitizenServices.Domain.Identity;

namespace CitizenServices.FolkeregisterDouble;

/// <summary>A residential address as the register keeps it (vegadresse); the flat (bruksenhetsnummer) is part of it.</summary>
public sealed record DoubleAddress(string Municipality, string AddressCode, string StreetName, int HouseNumber, string? HouseLetter, string? Unit)
{
    /// <summary>The synthetic address behind a seed address id such as <c>adr-0301-0001</c>.</summary>
    public static DoubleAddress FromSeed(string municipality, string addressId)
    {
        var number = int.Parse(addressId[^4..], CultureInfo.InvariantCulture);
        return new DoubleAddress(municipality, (1000 + number).ToString(CultureInfo.InvariantCulture), "Syntetisk gate", number, null, "H0101");
    }
}

/// <summary>A guardianship (vergemål) entry as the register keeps it.</summary>
public sealed record DoubleGuardianship(
    string GuardianId, bool Personal, bool Financial, bool Health, DateTimeOffset From, DateTimeOffset? To, string Embete, bool Current);

/// <summary>One person in the double's register: the facts it renders as a Folkeregisterperson document.</summary>
public sealed class DoublePerson
{
    public required string Id { get; set; }

    public List<string> FormerIds { get; } = [];

    public required string GivenName { get; set; }

    public required string FamilyName { get; set; }

    public required string Municipality { get; set; }

    /// <summary>Null for a strictly confidential address: the register withholds it.</summary>
    public DoubleAddress? Residence { get; set; }

    public List<DoubleAddress> SharedResidences { get; } = [];

    /// <summary><c>ugradert</c>, <c>fortrolig</c> or <c>strengtFortrolig</c>.</summary>
    public string Protection { get; set; } = "ugradert";

    public List<string> ResponsibleParents { get; } = [];

    public List<DoubleGuardianship> Guardianships { get; } = [];

    public DateOnly? DeceasedOn { get; set; }

    /// <summary>Set to make the next lookups of this person return a document the client cannot read.</summary>
    public string? Unreadable { get; set; }

    public bool IsMale => (Id[8] - '0') % 2 == 1;

    public bool IsDNumber => Id[0] >= '4';
}

/// <summary>One entry of the event feed.</summary>
public sealed record DoubleEvent(long Sequence, string PersonId, string Type, string EventDocumentId, string PersonDocumentId, DateTimeOffset UpdatedAt);

/// <summary>
/// The double's register: people and the event feed, guarded by one lock (a test double; throughput is not its point).
/// Every change appends one event per person it touches, as the register does ("one event concerns one person").
/// </summary>
public sealed class Population(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DoublePerson> _people = new(StringComparer.Ordinal);
    private readonly List<DoubleEvent> _events = [];
    private int _nextIndividual = 100;

    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Loads the seed file's people, each with a <c>personErOpprettet</c> event in file order.</summary>
    public void LoadSeed(IEnumerable<RegisteredPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var list = people.ToList();
        lock (_gate)
        {
            foreach (var person in list)
            {
                var entry = new DoublePerson
                {
                    Id = person.Id.Value,
                    GivenName = person.GivenName,
                    FamilyName = person.FamilyName,
                    Municipality = person.MunicipalityNumber,
                    Residence = person.AddressId is { } address ? DoubleAddress.FromSeed(person.MunicipalityNumber, address) : null,
                    Protection = person.AddressProtection switch
                    {
                        AddressProtection.Confidential => "fortrolig",
                        AddressProtection.StrictlyConfidential => "strengtFortrolig",
                        _ => "ugradert",
                    },
                    DeceasedOn = person.DeceasedOn,
                };
                entry.ResponsibleParents.AddRange(person.ParentsWithParentalResponsibility.Select(p => p.Value));
                foreach (var g in person.Guardianships)
                {
                    entry.Guardianships.Add(new DoubleGuardianship(
                        g.GuardianId.Value,
                        g.Scopes.Contains(GuardianshipScope.Personal),
                        g.Scopes.Contains(GuardianshipScope.Financial),
                        g.Scopes.Contains(GuardianshipScope.Health),
                        new DateTimeOffset(g.ValidFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(1)),
                        g.ValidTo is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(1)) : null,
                        "Statsforvalteren i Vestland",
                        true));
                }

                _people[entry.Id] = entry;
            }

            foreach (var person in list)
            {
                Append(person.Id.Value, "personErOpprettet");
            }
        }
    }

    public DoublePerson? Find(string id)
    {
        lock (_gate)
        {
            return _people.GetValueOrDefault(id) ?? _people.Values.FirstOrDefault(p => p.FormerIds.Contains(id));
        }
    }

    /// <summary>Everyone whose given and family name together are <paramref name="name"/> (case ignored).</summary>
    public IReadOnlyList<DoublePerson> FindByName(string name)
    {
        lock (_gate)
        {
            return _people.Values
                .Where(p => string.Equals($"{p.GivenName} {p.FamilyName}", name.Trim(), StringComparison.OrdinalIgnoreCase))
                .ToList();
        }
    }

    public IReadOnlyList<DoublePerson> ChildrenOf(string parent)
    {
        lock (_gate)
        {
            return _people.Values.Where(p => p.ResponsibleParents.Contains(parent)).ToList();
        }
    }

    /// <summary>Entries from <paramref name="fromSequence"/> (inclusive), at most <paramref name="max"/>.</summary>
    public IReadOnlyList<DoubleEvent> Feed(long fromSequence, int max)
    {
        lock (_gate)
        {
            var start = (int)Math.Max(0, fromSequence - 1);
            return start >= _events.Count ? [] : _events.GetRange(start, Math.Min(max, _events.Count - start));
        }
    }

    /// <summary>Applies a change under the lock and appends one event per person named in the result.</summary>
    public T Change<T>(Func<Population, (T Result, IEnumerable<(string Person, string Type)> Events)> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var (result, events) = change(this);
            foreach (var (person, type) in events)
            {
                Append(person, type);
            }

            return result;
        }
    }

    /// <summary>Inside <see cref="Change{T}"/> only.</summary>
    public DoublePerson Get(string id) =>
        _people.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"No person {id[..Math.Min(6, id.Length)]}***** in the double.");

    /// <summary>Inside <see cref="Change{T}"/> only: a new synthetic number (month + 80) for the birth date.</summary>
    public string NewNumber(DateOnly birthDate, bool dNumber = false)
    {
        var first = birthDate.Year >= 2000 ? 500 : 0;
        while (true)
        {
            var from = first + (_nextIndividual++ % 500);
            if (NationalIdentityNumber.Synthetic(birthDate, from, dNumber) is { } number && !_people.ContainsKey(number.Value))
            {
                return number.Value;
            }
        }
    }

    /// <summary>Inside <see cref="Change{T}"/> only.</summary>
    public void Add(DoublePerson person) => _people.Add(person.Id, person);

    /// <summary>Inside <see cref="Change{T}"/> only: the person under a new number; references to the old one follow.</summary>
    public void Replace(string oldId, DoublePerson replacement)
    {
        _people.Remove(oldId);
        _people.Add(replacement.Id, replacement);
        foreach (var other in _people.Values)
        {
            var index = other.ResponsibleParents.IndexOf(oldId);
            if (index >= 0)
            {
                other.ResponsibleParents[index] = replacement.Id;
            }

            for (var i = 0; i < other.Guardianships.Count; i++)
            {
                if (other.Guardianships[i].GuardianId == oldId)
                {
                    other.Guardianships[i] = other.Guardianships[i] with { GuardianId = replacement.Id };
                }
            }
        }
    }

    private void Append(string person, string type)
    {
        var sequence = _events.Count + 1;
        _events.Add(new DoubleEvent(
            sequence, person, type, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), time.GetUtcNow()));
    }
}
