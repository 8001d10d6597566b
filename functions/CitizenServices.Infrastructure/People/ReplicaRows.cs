namespace CitizenServices.Infrastructure.People;

/// <summary>
/// The register facts in table <c>people</c> (docs/population-register.md, "The replica"). PartitionKey = a person;
/// RowKey <c>p|{id}</c>: the facts of <c>{id}</c>. In the person's own partition <c>p|{self}</c> is the truth the
/// follower writes; <c>p|{other}</c> rows are copies of the people whose facts this person's decisions read (parents,
/// guardians, fullmakt holders, foster parents), so the enforcement point decides from one partition query. A copy
/// carries only what a decision reads about the other side: name, address identity, protection, death.
/// </summary>
internal static class ReplicaRows
{
    public const string Prefix = "p|";
    public const int FormatVersion = 1;

    public static string RowKey(NationalIdentityNumber id) => Prefix + id.Value;

    public static class P
    {
        public const string FormatVersion = "FormatVersion";
        public const string Copy = "Copy";
        public const string GivenName = "GivenName";
        public const string FamilyName = "FamilyName";
        public const string Municipality = "Municipality";
        public const string AddressId = "AddressId";
        public const string SharedResidences = "SharedResidences";
        public const string Protection = "Protection";
        public const string DeceasedOn = "DeceasedOn";
        public const string Parents = "Parents";
        public const string Children = "Children";
        public const string Guardianships = "Guardianships";
        public const string Sequence = "Sequence";
    }

    public static TableEntity Own(RegisteredPerson person, long sequence)
    {
        var row = Copy(person, person.Id, sequence);
        row[P.Copy] = false;
        row[P.Parents] = string.Join(',', person.ParentsWithParentalResponsibility.Select(p => p.Value));
        row[P.Children] = string.Join(',', person.ChildrenWithParentalResponsibility.Select(p => p.Value));
        row[P.Guardianships] = JsonSerializer.Serialize(person.Guardianships.Select(g => new StoredGuardianship(
            g.GuardianId.Value, g.Scopes.Select(s => s.ToString()).Order(StringComparer.Ordinal).ToArray(),
            g.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.Reference)).ToArray());
        return row;
    }

    /// <summary>The facts of <paramref name="person"/> as a copy in <paramref name="partition"/>'s partition.</summary>
    public static TableEntity Copy(RegisteredPerson person, NationalIdentityNumber partition, long sequence) => new(partition.Value, RowKey(person.Id))
    {
        [P.FormatVersion] = FormatVersion,
        [P.Copy] = true,
        [P.GivenName] = person.GivenName,
        [P.FamilyName] = person.FamilyName,
        [P.Municipality] = person.MunicipalityNumber,
        [P.AddressId] = person.AddressId,
        [P.SharedResidences] = string.Join(',', person.SharedResidenceAddressIds),
        [P.Protection] = (int)person.AddressProtection,
        [P.DeceasedOn] = person.DeceasedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [P.Sequence] = sequence,
    };

    /// <summary>
    /// Copies <paramref name="person"/>'s own facts into <paramref name="reader"/>'s partition, when the replica has them:
    /// done by a store when a relation naming the person is committed (a fullmakt's holder, a foster parent), so the
    /// reader's decisions read them with the rest of the partition. The follower keeps the copies current.
    /// </summary>
    public static async Task CopyAsync(
        Storage.BoundedTable people, NationalIdentityNumber person, NationalIdentityNumber reader, CancellationToken cancellationToken)
    {
        if (person == reader)
        {
            return;
        }

        var row = await people.GetAsync<TableEntity>(person.Value, RowKey(person), cancellationToken: cancellationToken);
        if (row is not null && Read(row) is { } facts)
        {
            await people.UpsertAsync(Copy(facts, reader, SequenceOf(row)), TableUpdateMode.Replace, cancellationToken);
        }
    }

    public static long SequenceOf(TableEntity row) => row.GetInt64(P.Sequence) ?? 0;

    /// <summary>Reads a facts row; null when malformed (never guessed).</summary>
    public static RegisteredPerson? Read(TableEntity row)
    {
        if (!row.RowKey.StartsWith(Prefix, StringComparison.Ordinal)
            || !NationalIdentityNumber.TryParse(row.RowKey[Prefix.Length..], out var id)
            || row.GetString(P.GivenName) is not { } given || row.GetString(P.FamilyName) is not { } family)
        {
            return null;
        }

        var guardianships = new List<Guardianship>();
        if (row.GetString(P.Guardianships) is { Length: > 0 } json)
        {
            foreach (var g in JsonSerializer.Deserialize<StoredGuardianship[]>(json) ?? [])
            {
                if (!NationalIdentityNumber.TryParse(g.Guardian, out var guardian))
                {
                    return null;
                }

                guardianships.Add(new Guardianship
                {
                    GuardianId = guardian,
                    Scopes = g.Scopes.Select(s => Enum.Parse<GuardianshipScope>(s)).ToHashSet(),
                    ValidFrom = DateOnly.ParseExact(g.ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ValidTo = g.ValidTo is null ? null : DateOnly.ParseExact(g.ValidTo, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Reference = g.Reference,
                });
            }
        }

        return new RegisteredPerson
        {
            Id = id,
            GivenName = given,
            FamilyName = family,
            MunicipalityNumber = row.GetString(P.Municipality) ?? string.Empty,
            AddressId = row.GetString(P.AddressId),
            SharedResidenceAddressIds = Ids(row.GetString(P.SharedResidences)),
            AddressProtection = (AddressProtection)(row.GetInt32(P.Protection) ?? 0),
            DeceasedOn = row.GetString(P.DeceasedOn) is { } died ? DateOnly.ParseExact(died, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            ParentsWithParentalResponsibility = Numbers(row.GetString(P.Parents)),
            ChildrenWithParentalResponsibility = Numbers(row.GetString(P.Children)),
            Guardianships = guardianships,
        };
    }

    private static string[] Ids(string? csv) => string.IsNullOrEmpty(csv) ? [] : csv.Split(',');

    private static NationalIdentityNumber[] Numbers(string? csv) =>
        Ids(csv).Select(v => NationalIdentityNumber.TryParse(v, out var n) ? n : (NationalIdentityNumber?)null).OfType<NationalIdentityNumber>().ToArray();

    private sealed record StoredGuardianship(string Guardian, string[] Scopes, string ValidFrom, string? ValidTo, string Reference);
}
