using CitizenServices.Domain.Time;

namespace CitizenServices.Infrastructure.PopulationRegister.Folkeregisteret;

/// <summary>
/// From the register's person document to the facts the rules read (<see cref="RegisteredPerson"/>). Strict: a
/// document that lacks what a rule needs, or holds a value outside the documented code lists, is refused with a reason
/// naming the element (never the person's number), and the follower parks it. Only current entries (erGjeldende) count.
/// </summary>
public static class PersonMapper
{
    /// <summary>
    /// The guardianship service tasks (vergeTjenestevirksomhet, vergeTjenesteoppgave) that make a mandate cover health
    /// matters on Helsenorge: the municipal health and care services, and the choice of regular GP. A personal mandate
    /// without these opens appointments only (docs/guardianship.md).
    /// </summary>
    public static IReadOnlySet<(string Virksomhet, string Oppgave)> HealthTasks { get; } = new HashSet<(string, string)>
    {
        ("kommune", "helseOgOmsorg"),
        ("helfo", "fastlege"),
    };

    private static readonly HashSet<string> Gradings = new(StringComparer.Ordinal) { "ugradert", "klientadresse", "fortrolig", "strengtFortrolig" };
    private static readonly HashSet<string> Statuses = new(StringComparer.Ordinal)
    {
        "bosatt", "utflyttet", "forsvunnet", "doed", "opphoert", "foedselsregistrert", "midlertidig", "inaktiv", "ikkeBosatt", "aktiv",
    };

    /// <summary>Identifikatorstatus (the register's Identifikatorstatuskode): in use, or ceased.</summary>
    private static readonly HashSet<string> IdentifierStatuses = new(StringComparer.Ordinal) { "iBruk", "opphoert" };

    private static readonly HashSet<string> Responsibilities = new(StringComparer.Ordinal) { "felles", "mor", "far", "medmor", "andre", "ukjent" };

    private static readonly Dictionary<string, (bool Personal, bool Financial)> Scopes = new(StringComparer.Ordinal)
    {
        ["personligeInteresser"] = (true, false),
        ["oekonomiskeInteresser"] = (false, true),
        ["personligeOgOekonomiskeInteresser"] = (true, true),
        ["utlendingssakerPersonligeOgOekonomiskeInteresser"] = (true, true),
    };

    internal static (RegisteredPerson? Person, string? Problem) Map(Folkeregisterperson document)
    {
        var current = (document.Identifikasjonsnummer ?? []).Where(i => i.ErGjeldende).ToList();
        if (current.Count != 1 || !NationalIdentityNumber.TryParse(current[0].FoedselsEllerDNummer, out var id))
        {
            return (null, "identifikasjonsnummer: exactly one current, valid number is required.");
        }

        var name = (document.Navn ?? []).Where(n => n.ErGjeldende).ToList();
        if (name.Count != 1 || string.IsNullOrWhiteSpace(name[0].Fornavn) || string.IsNullOrWhiteSpace(name[0].Etternavn))
        {
            return (null, "navn: exactly one current name with fornavn and etternavn is required.");
        }

        var status = (document.Status ?? []).Where(s => s.ErGjeldende).Select(s => s.Status).ToList();
        if (status.Any(s => s is null || !Statuses.Contains(s)))
        {
            return (null, "status: a current status outside the documented code list.");
        }

        DateOnly? deceasedOn = null;
        if (document.Doedsfall is { ErGjeldende: true } death)
        {
            if (!DateOnly.TryParseExact(death.Doedsdato, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return (null, "doedsfall.doedsdato: a date (yyyy-MM-dd) is required.");
            }

            deceasedOn = date;
        }
        else if (status.Contains("doed"))
        {
            return (null, "status is doed without a current doedsfall.");
        }

        var gradings = (document.Adressebeskyttelse ?? []).Where(a => a.ErGjeldende).Select(a => a.Graderingsnivaa).ToList();
        if (gradings.Any(g => g is null || !Gradings.Contains(g)))
        {
            return (null, "adressebeskyttelse.graderingsnivaa: a value outside the documented code list.");
        }

        var protection = gradings.Contains("strengtFortrolig") ? AddressProtection.StrictlyConfidential
            : gradings.Contains("fortrolig") ? AddressProtection.Confidential
            : AddressProtection.None;

        var residences = (document.Bostedsadresse ?? []).Where(a => a.ErGjeldende).ToList();
        if (residences.Count > 1)
        {
            return (null, "bostedsadresse: more than one current residential address.");
        }

        string? addressId = null;
        var municipality = string.Empty;
        if (residences.Count == 1)
        {
            var (key, kommune, problem) = Address(residences[0], "bostedsadresse");
            if (problem is not null)
            {
                return (null, problem);
            }

            addressId = key;
            municipality = kommune ?? string.Empty;
        }

        var shared = new List<string>();
        foreach (var entry in (document.DeltBosted ?? []).Where(a => a.ErGjeldende))
        {
            var (key, _, problem) = Address(entry, "deltBosted");
            if (problem is not null)
            {
                return (null, problem);
            }

            if (key is not null)
            {
                shared.Add(key);
            }
        }

        var parents = new List<NationalIdentityNumber>();
        var children = new List<NationalIdentityNumber>();
        foreach (var responsibility in (document.Foreldreansvar ?? []).Where(f => f.ErGjeldende))
        {
            if (responsibility.Ansvar is null || !Responsibilities.Contains(responsibility.Ansvar))
            {
                return (null, "foreldreansvar.ansvar: a value outside the documented code list.");
            }

            if (responsibility.Ansvarlig is { } holder)
            {
                if (!NationalIdentityNumber.TryParse(holder, out var parent))
                {
                    return (null, "foreldreansvar.ansvarlig: not a valid number.");
                }

                if (parent != id && !parents.Contains(parent))
                {
                    parents.Add(parent);
                }
            }

            if (responsibility.Ansvarssubjekt is { } subject)
            {
                if (!NationalIdentityNumber.TryParse(subject, out var child))
                {
                    return (null, "foreldreansvar.ansvarssubjekt: not a valid number.");
                }

                if (child != id && !children.Contains(child))
                {
                    children.Add(child);
                }
            }
        }

        var guardianships = new List<Guardianship>();
        foreach (var entry in (document.VergemaalEllerFremtidsfullmakt ?? []).Where(v => v.ErGjeldende))
        {
            if (entry.Verge?.FoedselsEllerDNummer is not { } guardianText)
            {
                // A guardian without a number (a person outside the register) cannot log in to act: not a representation here.
                continue;
            }

            if (!NationalIdentityNumber.TryParse(guardianText, out var guardian))
            {
                return (null, "vergemaalEllerFremtidsfullmakt.verge.foedselsEllerDNummer: not a valid number.");
            }

            if (entry.Gyldighetstidspunkt is not { } from)
            {
                return (null, "vergemaalEllerFremtidsfullmakt.gyldighetstidspunkt is required.");
            }

            var scopes = new HashSet<GuardianshipScope>();
            if (entry.Verge.Omfang is { } omfang)
            {
                if (!Scopes.TryGetValue(omfang, out var areas))
                {
                    return (null, "vergemaalEllerFremtidsfullmakt.verge.omfang: a value outside the documented code list.");
                }

                if (areas.Personal)
                {
                    scopes.Add(GuardianshipScope.Personal);
                }

                if (areas.Financial)
                {
                    scopes.Add(GuardianshipScope.Financial);
                }
            }

            if (entry.Verge.OmfangetErInnenPersonligOmraade == true)
            {
                scopes.Add(GuardianshipScope.Personal);
            }

            if ((entry.Verge.Tjenesteomraade ?? []).Any(t => t.VergeTjenestevirksomhet is { } v && t.VergeTjenesteoppgave is { } o && HealthTasks.Contains((v, o))))
            {
                scopes.Add(GuardianshipScope.Health);
            }

            var validFrom = DateOnly.FromDateTime(NorwegianTime.ToOslo(from).DateTime);
            DateOnly? validTo = entry.Opphoerstidspunkt is { } end ? DateOnly.FromDateTime(NorwegianTime.ToOslo(end.AddTicks(-1)).DateTime) : null;
            guardianships.Add(new Guardianship
            {
                GuardianId = guardian,
                Scopes = scopes,
                ValidFrom = validFrom,
                ValidTo = validTo < validFrom ? validFrom : validTo,
                Reference = entry.Embete ?? string.Empty,
            });
        }

        return (new RegisteredPerson
        {
            Id = id,
            GivenName = name[0].Mellomnavn is { Length: > 0 } middle ? $"{name[0].Fornavn} {middle}" : name[0].Fornavn!,
            FamilyName = name[0].Etternavn!,
            MunicipalityNumber = municipality,
            AddressId = protection == AddressProtection.StrictlyConfidential ? null : addressId,
            AddressProtection = protection,
            ParentsWithParentalResponsibility = parents,
            ChildrenWithParentalResponsibility = children,
            Guardianships = guardianships,
            DeceasedOn = deceasedOn,
            SharedResidenceAddressIds = protection == AddressProtection.StrictlyConfidential ? [] : shared,
        }, null);
    }

    /// <summary>
    /// The former numbers in an identifier history: every entry other than the one current number that is no longer
    /// current or has identifier status <c>opphoert</c>. Strict like <see cref="Map"/>: exactly one current number, known
    /// statuses (<c>iBruk</c>, <c>opphoert</c>) and valid numbers, or a reason naming the element.
    /// </summary>
    internal static (IReadOnlyList<NationalIdentityNumber> Numbers, string? Problem) FormerNumbers(Folkeregisterperson? document)
    {
        var entries = document?.Identifikasjonsnummer ?? [];
        var current = entries.Where(i => i.ErGjeldende).ToList();
        if (current.Count != 1 || !NationalIdentityNumber.TryParse(current[0].FoedselsEllerDNummer, out var id))
        {
            return ([], "identifikasjonsnummer: exactly one current, valid number is required.");
        }

        var former = new List<NationalIdentityNumber>();
        foreach (var entry in entries)
        {
            if (entry.Status is not null && !IdentifierStatuses.Contains(entry.Status))
            {
                return ([], "identifikasjonsnummer.status: a value outside the documented code list.");
            }

            if (!entry.ErGjeldende || entry.Status == "opphoert")
            {
                if (!NationalIdentityNumber.TryParse(entry.FoedselsEllerDNummer, out var number))
                {
                    return ([], "identifikasjonsnummer.foedselsEllerDNummer: not a valid number.");
                }

                if (number != id && !former.Contains(number))
                {
                    former.Add(number);
                }
            }
        }

        return (former, null);
    }

    /// <summary>
    /// The address's identity as an opaque key: the street address with its flat (bruksenhetsnummer), so a different
    /// flat is a different address. Only a hash is kept (data minimisation: the replica can tell whether two people live
    /// together, but holds no address).
    /// </summary>
    private static (string? Key, string? Municipality, string? Problem) Address(Bostedsadresse entry, string element)
    {
        if (entry.Adressegradering is { } grading && !Gradings.Contains(grading))
        {
            return (null, null, $"{element}.adressegradering: a value outside the documented code list.");
        }

        if (entry.Vegadresse is { } road)
        {
            if (road.Kommunenummer is not { Length: 4 } || (road.Adressekode is null && road.Adressenavn is null))
            {
                return (null, null, $"{element}.vegadresse: kommunenummer and adressekode (or adressenavn) are required.");
            }

            var key = string.Join('|', "v", road.Kommunenummer, road.Adressekode ?? road.Adressenavn, road.Adressenummer?.Husnummer,
                road.Adressenummer?.Husbokstav, road.Bruksenhetsnummer);
            return (Hash(key), road.Kommunenummer, null);
        }

        if (entry.Matrikkeladresse is { Matrikkelnummer: { } m } land)
        {
            if (m.Kommunenummer is not { Length: 4 })
            {
                return (null, null, $"{element}.matrikkeladresse.matrikkelnummer.kommunenummer is required.");
            }

            var key = string.Join('|', "m", m.Kommunenummer, m.Gaardsnummer, m.Bruksnummer, m.Festenummer, land.Undernummer, land.Bruksenhetsnummer);
            return (Hash(key), m.Kommunenummer, null);
        }

        if (entry.UkjentBosted is { } unknown)
        {
            // Unknown residence: lives with nobody, as far as the rules can tell.
            return (null, unknown.Bostedskommune, null);
        }

        return (null, null, $"{element}: one of vegadresse, matrikkeladresse or ukjentBosted is required.");
    }

    private static string Hash(string key) =>
        "adr-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToUpperInvariant())).AsSpan(0, 12));
}
