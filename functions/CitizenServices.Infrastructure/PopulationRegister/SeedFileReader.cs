namespace CitizenServices.Infrastructure.PopulationRegister;

/// <summary>Reads and validates the seed file; every problem is collected so one run shows them all.</summary>
internal static class SeedFileReader
{
    private static readonly Dictionary<string, AddressProtection> AddressProtections = new(StringComparer.Ordinal)
    {
        ["none"] = AddressProtection.None,
        ["confidential"] = AddressProtection.Confidential,
        ["strictlyConfidential"] = AddressProtection.StrictlyConfidential,
    };

    private static readonly Dictionary<string, GuardianshipScope> Scopes = new(StringComparer.Ordinal)
    {
        ["personal"] = GuardianshipScope.Personal,
        ["health"] = GuardianshipScope.Health,
        ["financial"] = GuardianshipScope.Financial,
    };

    /// <summary>The longest a relative birth (<c>born.daysAgo</c>) may lie back: it is for young children.</summary>
    public const int MaxDaysAgo = 18 * 366;

    /// <param name="today">The Europe/Oslo date relative births (<c>born</c>) count back from.</param>
    public static IReadOnlyList<SeedFileEntry> Read(string json, string source, DateOnly today)
    {
        SeedFileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, SeedFileJsonContext.Default.SeedFileDocument);
        }
        catch (JsonException exception)
        {
            throw new InvalidSeedFileException(source, [$"not readable as a seed file: {exception.Message}"]);
        }

        if (document?.People is not { Count: > 0 } people)
        {
            throw new InvalidSeedFileException(source, ["'people' is missing or empty."]);
        }

        var problems = new List<string>();
        var ids = ReadIds(people, today, problems);
        var knownIds = ids.OfType<NationalIdentityNumber>().ToHashSet();
        var persons = new List<SeedFileEntry>(people.Count);
        for (var index = 0; index < people.Count; index++)
        {
            if (people[index] is { } entry && ids[index] is { } id)
            {
                var context = new PersonContext(Label(index, entry), id, knownIds, problems);
                if (ReadPerson(entry, context) is { } person)
                {
                    persons.Add(person);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidSeedFileException(source, problems);
        }

        return persons;
    }

    private static NationalIdentityNumber?[] ReadIds(IReadOnlyList<SeedFilePerson?> people, DateOnly today, List<string> problems)
    {
        var ids = new NationalIdentityNumber?[people.Count];
        var firstIndexById = new Dictionary<NationalIdentityNumber, int>();
        for (var index = 0; index < people.Count; index++)
        {
            var entry = people[index];
            if (entry is null)
            {
                problems.Add($"people[{index}]: is null.");
                continue;
            }

            var label = Label(index, entry);
            NationalIdentityNumber id;
            if (entry.Born is { } born)
            {
                if (entry.Id is not null)
                {
                    problems.Add($"{label}: give either id or born, not both.");
                    continue;
                }

                if (RelativeBirth(born, today, out var error) is not { } made)
                {
                    problems.Add($"{label}: {error}");
                    continue;
                }

                id = made;
            }
            else if (!NationalIdentityNumber.TryParse(entry.Id, out id, out var error))
            {
                problems.Add($"{label}: id is not a valid national identity number: {error}");
                continue;
            }

            if (!id.IsSynthetic)
            {
                problems.Add($"{label}: id {id} is not a synthetic test number (month + 80); the seed file must never hold a real person's number.");
                continue;
            }

            if (!firstIndexById.TryAdd(id, index))
            {
                problems.Add($"{label}: id {id} is already used by people[{firstIndexById[id]}].");
                continue;
            }

            ids[index] = id;
        }

        return ids;
    }

    private static SeedFileEntry? ReadPerson(SeedFilePerson entry, PersonContext context)
    {
        var problemsBefore = context.Problems.Count;
        var givenName = Required(entry.GivenName, "givenName", context);
        var familyName = Required(entry.FamilyName, "familyName", context);
        Required(entry.Description, "description", context);

        if (entry.MunicipalityNumber is not { Length: 4 } municipality || !municipality.All(char.IsAsciiDigit))
        {
            context.Add("municipalityNumber must be four digits (kommunenummer, e.g. 0301).");
        }

        var protection = ReadAddressProtection(entry, context);
        var deceasedOn = ReadDeceasedOn(entry, context);
        var parents = ReadParents(entry.ParentsWithParentalResponsibility, context);
        var guardianships = ReadGuardianships(entry.Guardianships, context);
        var regularGp = ReadRegularGp(entry, deceasedOn, context);

        if (context.Problems.Count > problemsBefore)
        {
            return null;
        }

        return new SeedFileEntry(new RegisteredPerson
        {
            Id = context.Id,
            GivenName = givenName!,
            FamilyName = familyName!,
            MunicipalityNumber = entry.MunicipalityNumber!,
            AddressId = entry.AddressId,
            AddressProtection = protection,
            ParentsWithParentalResponsibility = parents,
            Guardianships = guardianships,
            DeceasedOn = deceasedOn,
        }, regularGp);
    }

    // The regular GP register's facts for the person (Fastlegeregisteret), kept in the same file for the seed.
    private static RegularGp? ReadRegularGp(SeedFilePerson entry, DateOnly? deceasedOn, PersonContext context)
    {
        if (entry.RegularGp is not { } gp)
        {
            return null;
        }

        if (deceasedOn is not null)
        {
            context.Add("regularGp must be absent for a deceased person: they are on no GP's list.");
        }

        if (gp.HprNumber is not { Length: >= 7 and <= 9 } hpr || !hpr.All(char.IsAsciiDigit))
        {
            context.Add("regularGp.hprNumber must be 7 to 9 digits (the GP's HPR number).");
        }

        if (gp.HerId is not { Length: >= 1 and <= 9 } her || !her.All(char.IsAsciiDigit))
        {
            context.Add("regularGp.herId must be 1 to 9 digits (the GP office's HER id).");
        }

        var name = Required(gp.Name, "regularGp.name", context);
        var office = Required(gp.Office, "regularGp.office", context);
        return name is null || office is null ? null : new RegularGp(gp.HprNumber!, name, office, gp.HerId!);
    }

    private static AddressProtection ReadAddressProtection(SeedFilePerson entry, PersonContext context)
    {
        if (entry.AddressProtection is null || !AddressProtections.TryGetValue(entry.AddressProtection, out var protection))
        {
            context.Add($"addressProtection must be one of {string.Join(", ", AddressProtections.Keys)}.");
            return AddressProtection.None;
        }

        // The register withholds a strictly confidential address entirely; the seed imitates that.
        if (protection == AddressProtection.StrictlyConfidential && entry.AddressId is not null)
        {
            context.Add("addressId must be null for a strictly confidential address (code 6): the register does not disclose it.");
        }
        else if (protection != AddressProtection.StrictlyConfidential && string.IsNullOrWhiteSpace(entry.AddressId))
        {
            context.Add("addressId is required unless the address is strictly confidential.");
        }

        return protection;
    }

    private static DateOnly? ReadDeceasedOn(SeedFilePerson entry, PersonContext context)
    {
        if (entry.DeceasedOn is null)
        {
            return null;
        }

        var deceasedOn = ReadDate(entry.DeceasedOn, "deceasedOn", context);
        if (deceasedOn < context.Id.BirthDate)
        {
            context.Add($"deceasedOn {deceasedOn:yyyy-MM-dd} is before the birth date {context.Id.BirthDate:yyyy-MM-dd}.");
        }

        return deceasedOn;
    }

    private static NationalIdentityNumber[] ReadParents(IReadOnlyList<string?>? entries, PersonContext context)
    {
        if (entries is null)
        {
            return [];
        }

        // Parental responsibility is held by at most two people under the Children Act.
        if (entries.Count > 2)
        {
            context.Add($"parentsWithParentalResponsibility has {entries.Count} entries; at most two people can hold parental responsibility.");
        }

        var parents = new List<NationalIdentityNumber>(entries.Count);
        for (var index = 0; index < entries.Count; index++)
        {
            if (ResolveReference(entries[index], $"parentsWithParentalResponsibility[{index}]", context) is not { } parent)
            {
                continue;
            }

            if (parents.Contains(parent))
            {
                context.Add($"parentsWithParentalResponsibility[{index}] ({parent}) is listed twice.");
            }
            else if (parent.BirthDate >= context.Id.BirthDate)
            {
                context.Add($"parentsWithParentalResponsibility[{index}] ({parent}) is not born before the child.");
            }

            parents.Add(parent);
        }

        return [.. parents];
    }

    private static Guardianship[] ReadGuardianships(IReadOnlyList<SeedFileGuardianship?>? entries, PersonContext context)
    {
        if (entries is null)
        {
            return [];
        }

        var guardianships = new List<Guardianship>(entries.Count);
        for (var index = 0; index < entries.Count; index++)
        {
            var field = $"guardianships[{index}]";
            if (entries[index] is not { } entry)
            {
                context.Add($"{field} is null.");
                continue;
            }

            var guardian = ResolveReference(entry.GuardianId, $"{field}.guardianId", context);
            var scopes = ReadScopes(entry.Scopes, $"{field}.scopes", context);
            var validFrom = ReadDate(entry.ValidFrom, $"{field}.validFrom", context);
            var validTo = entry.ValidTo is null ? null : ReadDate(entry.ValidTo, $"{field}.validTo", context);
            if (validTo < validFrom)
            {
                context.Add($"{field}.validTo {validTo:yyyy-MM-dd} is before validFrom {validFrom:yyyy-MM-dd}.");
            }

            var reference = Required(entry.Reference, $"{field}.reference", context);
            if (guardian is { } guardianId && validFrom is { } from && reference is not null)
            {
                guardianships.Add(new Guardianship
                {
                    GuardianId = guardianId,
                    Scopes = scopes,
                    ValidFrom = from,
                    ValidTo = validTo,
                    Reference = reference,
                });
            }
        }

        return [.. guardianships];
    }

    private static HashSet<GuardianshipScope> ReadScopes(IReadOnlyList<string?>? entries, string field, PersonContext context)
    {
        var scopes = new HashSet<GuardianshipScope>();
        if (entries is not { Count: > 0 })
        {
            context.Add($"{field} must name at least one of {string.Join(", ", Scopes.Keys)}.");
            return scopes;
        }

        for (var index = 0; index < entries.Count; index++)
        {
            if (entries[index] is not { } name || !Scopes.TryGetValue(name, out var scope))
            {
                context.Add($"{field}[{index}] '{entries[index]}' is not one of {string.Join(", ", Scopes.Keys)}.");
            }
            else if (!scopes.Add(scope))
            {
                context.Add($"{field}[{index}] '{name}' is listed twice.");
            }
        }

        return scopes;
    }

    // The number for a birth daysAgo days before today: its individual number (and so the sex) chosen in the file, moved on
    // by two while its control digits do not work out, as the register does.
    private static NationalIdentityNumber? RelativeBirth(SeedFileBirth born, DateOnly today, out string? error)
    {
        error = null;
        if (born.DaysAgo is not { } daysAgo || daysAgo < 0 || daysAgo > MaxDaysAgo)
        {
            error = $"born.daysAgo must be a whole number of days from 0 to {MaxDaysAgo}.";
            return null;
        }

        var birthDate = today.AddDays(-daysAgo);
        var (first, last) = birthDate.Year >= 2000 ? (500, 999) : (0, 499);
        if (born.IndividualNumber is not { } individual || individual < first || individual > last)
        {
            error = $"born.individualNumber must be from {first} to {last} for a birth in {birthDate.Year} (even third digit: female, odd: male).";
            return null;
        }

        var number = NationalIdentityNumber.Synthetic(birthDate, individual);
        if (number is null)
        {
            error = $"born.individualNumber {individual} leaves no valid number for {birthDate:yyyy-MM-dd}; choose a lower one.";
        }

        return number;
    }

    private static NationalIdentityNumber? ResolveReference(string? value, string field, PersonContext context)
    {
        if (!NationalIdentityNumber.TryParse(value, out var id, out var error))
        {
            context.Add($"{field} is not a valid national identity number: {error}");
            return null;
        }

        if (id == context.Id)
        {
            context.Add($"{field} refers to the person themselves.");
            return null;
        }

        if (!context.KnownIds.Contains(id))
        {
            context.Add($"{field} ({id}) does not match the id of any person in the file.");
            return null;
        }

        return id;
    }

    private static DateOnly? ReadDate(string? value, string field, PersonContext context)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        context.Add($"{field} must be a date in the form yyyy-MM-dd.");
        return null;
    }

    private static string? Required(string? value, string field, PersonContext context)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            context.Add($"{field} is required.");
            return null;
        }

        return value;
    }

    // Names make a problem easy to find in the file; the id is never printed in full.
    private static string Label(int index, SeedFilePerson entry) =>
        string.IsNullOrWhiteSpace(entry.GivenName) && string.IsNullOrWhiteSpace(entry.FamilyName)
            ? $"people[{index}]"
            : $"people[{index}] ({entry.GivenName} {entry.FamilyName})";

    private sealed class PersonContext(string label, NationalIdentityNumber id, HashSet<NationalIdentityNumber> knownIds, List<string> problems)
    {
        public NationalIdentityNumber Id { get; } = id;

        public HashSet<NationalIdentityNumber> KnownIds { get; } = knownIds;

        public List<string> Problems { get; } = problems;

        public void Add(string problem) => Problems.Add($"{label}: {problem}");
    }
}

/// <summary>A person as the seed file gives them: the population register's facts and the regular GP register's.</summary>
internal sealed record SeedFileEntry(RegisteredPerson Person, RegularGp? RegularGp);
