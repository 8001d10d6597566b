using System.Text.Json.Nodes;

namespace CitizenServices.FolkeregisterDouble;

/// <summary>
/// Renders a person as Folkeregisteret's <c>Folkeregisterperson</c> (rettighetspakke offentlig med hjemmel): every
/// element a list of entries with <c>erGjeldende</c>, <c>doedsfall</c> a single object, as the published OpenAPI
/// document describes them. <c>part</c> selects the elements (dataminimering): none means <c>person-basis</c>;
/// <c>relasjon-utvidet</c> adds family relations, parental responsibility and guardianship; <c>historikk</c> adds
/// entries that are no longer current. The identification number is always returned.
/// </summary>
public static class PersonDocument
{
    public static readonly string[] PersonBasis =
    [
        "identifikasjonsnummer", "identitetsgrunnlag", "status", "doedsfall", "sivilstand", "foedsel", "statsborgerskap", "kjoenn",
        "navn", "bostedsadresse", "oppholdsadresse", "deltBosted", "postadresse", "postadresseIUtlandet", "adressebeskyttelse",
        "kontaktinformasjonForDoedsbo",
    ];

    public static readonly string[] RelationExtended = ["familierelasjon", "foreldreansvar", "vergemaalEllerFremtidsfullmakt"];

    private static readonly HashSet<string> Known = [.. PersonBasis, .. RelationExtended, "historikk", "person-basis", "relasjon-utvidet"];

    /// <summary>The elements a <c>part</c> list asks for, or the name of an unknown part.</summary>
    public static (HashSet<string> Parts, bool History, string? Unknown) Select(IReadOnlyList<string> part)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal) { "identifikasjonsnummer" };
        var history = false;
        if (part.Count == 0 || (part.Count == 1 && part[0] == "historikk"))
        {
            parts.UnionWith(PersonBasis);
        }

        foreach (var p in part)
        {
            if (!Known.Contains(p))
            {
                return (parts, history, p);
            }

            switch (p)
            {
                case "historikk":
                    history = true;
                    break;
                case "person-basis":
                    parts.UnionWith(PersonBasis);
                    break;
                case "relasjon-utvidet":
                    parts.UnionWith(RelationExtended);
                    break;
                default:
                    parts.Add(p);
                    break;
            }
        }

        return (parts, history, null);
    }

    public static JsonObject Render(DoublePerson person, IReadOnlyList<DoublePerson> children, HashSet<string> parts, bool history)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Unreadable is { } fault)
        {
            // A document the consumer must not guess about: an element with the wrong type.
            return new JsonObject { ["identifikasjonsnummer"] = Ids(person, history), ["navn"] = fault };
        }

        var doc = new JsonObject();
        void Put(string name, Func<JsonNode?> value)
        {
            if (parts.Contains(name) && value() is { } node)
            {
                doc[name] = node;
            }
        }

        Put("identifikasjonsnummer", () => Ids(person, history));
        Put("navn", () => new JsonArray(new JsonObject { ["fornavn"] = person.GivenName, ["etternavn"] = person.FamilyName, ["erGjeldende"] = true }));
        Put("foedsel", () => new JsonArray(new JsonObject
        {
            ["foedselsdato"] = BirthDate(person).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["foedselsaar"] = BirthDate(person).Year.ToString(CultureInfo.InvariantCulture),
            ["erGjeldende"] = true,
        }));
        Put("kjoenn", () => new JsonArray(new JsonObject { ["kjoenn"] = person.IsMale ? "mann" : "kvinne", ["erGjeldende"] = true }));
        Put("status", () => new JsonArray(new JsonObject
        {
            ["status"] = person.DeceasedOn is not null ? "doed" : person.IsDNumber ? "midlertidig" : "bosatt",
            ["erGjeldende"] = true,
        }));
        Put("doedsfall", () => person.DeceasedOn is { } died
            ? new JsonObject { ["doedsdato"] = died.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["erGjeldende"] = true }
            : null);
        Put("adressebeskyttelse", () => person.Protection == "ugradert"
            ? null
            : new JsonArray(new JsonObject { ["graderingsnivaa"] = person.Protection, ["erGjeldende"] = true }));
        Put("bostedsadresse", () => person.Residence is { } residence
            ? new JsonArray(Address(residence, person.Protection, "bostedsadresse"))
            : person.Protection == "strengtFortrolig" ? null : new JsonArray());
        Put("deltBosted", () => person.SharedResidences.Count == 0
            ? null
            : new JsonArray([.. person.SharedResidences.Select(a => (JsonNode)Address(a, person.Protection, "deltBosted"))]));
        Put("foreldreansvar", () =>
        {
            var entries = new JsonArray();
            var shared = person.ResponsibleParents.Count > 1;
            foreach (var parent in person.ResponsibleParents)
            {
                entries.Add(new JsonObject { ["ansvar"] = shared ? "felles" : Role(parent), ["ansvarlig"] = parent, ["erGjeldende"] = true });
            }

            foreach (var child in children)
            {
                entries.Add(new JsonObject
                {
                    ["ansvar"] = child.ResponsibleParents.Count > 1 ? "felles" : person.IsMale ? "far" : "mor",
                    ["ansvarssubjekt"] = child.Id,
                    ["erGjeldende"] = true,
                });
            }

            return entries.Count == 0 ? null : entries;
        });
        Put("familierelasjon", () =>
        {
            var entries = new JsonArray();
            foreach (var parent in person.ResponsibleParents)
            {
                entries.Add(new JsonObject { ["relatertPerson"] = parent, ["relatertPersonsRolle"] = Role(parent), ["minRolleForPerson"] = "barn", ["erGjeldende"] = true });
            }

            foreach (var child in children)
            {
                entries.Add(new JsonObject
                {
                    ["relatertPerson"] = child.Id, ["relatertPersonsRolle"] = "barn", ["minRolleForPerson"] = person.IsMale ? "far" : "mor", ["erGjeldende"] = true,
                });
            }

            return entries.Count == 0 ? null : entries;
        });
        Put("vergemaalEllerFremtidsfullmakt", () => person.Guardianships.Count == 0
            ? null
            : new JsonArray([.. person.Guardianships.Where(g => history || g.Current).Select(g => (JsonNode)Guardianship(g))]));
        return doc;
    }

    private static string Role(string parent) => (parent[8] - '0') % 2 == 1 ? "far" : "mor";

    private static DateOnly BirthDate(DoublePerson person) =>
        CitizenServices.Domain.Identity.NationalIdentityNumber.Parse(person.Id).BirthDate;

    private static JsonArray Ids(DoublePerson person, bool history)
    {
        var ids = new JsonArray(new JsonObject
        {
            ["foedselsEllerDNummer"] = person.Id,
            ["identifikatortype"] = person.IsDNumber ? "dNummer" : "foedselsnummer",
            ["status"] = "iBruk",
            ["erGjeldende"] = true,
        });
        if (history)
        {
            foreach (var former in person.FormerIds)
            {
                ids.Add(new JsonObject
                {
                    ["foedselsEllerDNummer"] = former,
                    ["identifikatortype"] = former[0] >= '4' ? "dNummer" : "foedselsnummer",
                    ["status"] = "opphoert",
                    ["erGjeldende"] = false,
                });
            }
        }

        return ids;
    }

    private static JsonObject Address(DoubleAddress a, string protection, string element)
    {
        var number = new JsonObject { ["husnummer"] = a.HouseNumber.ToString(CultureInfo.InvariantCulture) };
        if (a.HouseLetter is { } letter)
        {
            number["husbokstav"] = letter;
        }

        var road = new JsonObject
        {
            ["adressekode"] = a.AddressCode,
            ["adressenavn"] = a.StreetName,
            ["adressenummer"] = number,
            ["kommunenummer"] = a.Municipality,
            ["poststed"] = new JsonObject { ["postnummer"] = "0" + a.Municipality[..3], ["poststedsnavn"] = "SYNTETISK" },
        };
        if (a.Unit is { } unit)
        {
            road["bruksenhetsnummer"] = unit;
            road["bruksenhetstype"] = "bolig";
        }

        var entry = new JsonObject
        {
            ["vegadresse"] = road,
            ["adressegradering"] = protection == "ugradert" ? "ugradert" : protection,
            ["erGjeldende"] = true,
        };
        if (element == "deltBosted")
        {
            entry["startdatoForKontrakt"] = "2020-01-01";
        }

        return entry;
    }

    private static JsonObject Guardianship(DoubleGuardianship g)
    {
        var omfang = (g.Personal, g.Financial) switch
        {
            (true, true) => "personligeOgOekonomiskeInteresser",
            (true, false) => "personligeInteresser",
            _ => "oekonomiskeInteresser",
        };
        var verge = new JsonObject
        {
            ["foedselsEllerDNummer"] = g.GuardianId,
            ["omfang"] = omfang,
            ["omfangetErInnenPersonligOmraade"] = g.Personal,
        };
        if (g.Health)
        {
            verge["tjenesteomraade"] = new JsonArray(
                new JsonObject { ["vergeTjenestevirksomhet"] = "kommune", ["vergeTjenesteoppgave"] = "helseOgOmsorg" },
                new JsonObject { ["vergeTjenestevirksomhet"] = "helfo", ["vergeTjenesteoppgave"] = "fastlege" });
        }

        var entry = new JsonObject
        {
            ["vergemaaltype"] = "voksen",
            ["embete"] = g.Embete,
            ["verge"] = verge,
            ["gyldighetstidspunkt"] = g.From.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["erGjeldende"] = g.Current,
        };
        if (g.To is { } to)
        {
            entry["opphoerstidspunkt"] = to.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        }

        return entry;
    }
}
