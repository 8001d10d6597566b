namespace CitizenServices.Infrastructure.PopulationRegister.Folkeregisteret;

// The register's JSON as the consumer API (rettighetspakke offentlig med hjemmel) documents it, limited to what this service
// reads. Unknown properties are allowed (the register adds elements over time); a known property of the wrong type fails
// the read, and the document is parked instead of guessed at.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(List<LagretHendelse>))]
[JsonSerializable(typeof(Folkeregisterperson))]
[JsonSerializable(typeof(PersonBulkoppslagRequest))]
[JsonSerializable(typeof(PersonBulkoppslagResponse))]
internal sealed partial class FolkeregisteretJsonContext : JsonSerializerContext;

internal sealed record LagretHendelse(long? Sekvensnummer, Hendelse? Hendelse);

internal sealed record Hendelse(
    string? Folkeregisteridentifikator, string? Hendelsetype, string? Hendelsesdokument, string? Persondokument, DateTimeOffset? Ajourholdstidspunkt);

internal sealed record PersonBulkoppslagRequest(IReadOnlyList<string> FoedselsEllerDNummer);

internal sealed record PersonBulkoppslagResponse(IReadOnlyList<Oppslag>? Oppslag);

internal sealed record Oppslag(string? FoedselsEllerDNummer, System.Text.Json.JsonElement? Folkeregisterperson, OppslagFeil? Feilmelding);

internal sealed record OppslagFeil([property: JsonPropertyName("feilmelding")] string? Tekst);

internal sealed record Folkeregisterperson(
    IReadOnlyList<Folkeregisteridentifikator>? Identifikasjonsnummer,
    IReadOnlyList<Navn>? Navn,
    IReadOnlyList<Personstatus>? Status,
    Doedsfall? Doedsfall,
    IReadOnlyList<Bostedsadresse>? Bostedsadresse,
    IReadOnlyList<Bostedsadresse>? DeltBosted,
    IReadOnlyList<GraderingAvAdresse>? Adressebeskyttelse,
    IReadOnlyList<Foreldreansvar>? Foreldreansvar,
    IReadOnlyList<Vergemaal>? VergemaalEllerFremtidsfullmakt);

internal sealed record Folkeregisteridentifikator(string? FoedselsEllerDNummer, string? Identifikatortype, string? Status, bool ErGjeldende);

internal sealed record Navn(string? Fornavn, string? Mellomnavn, string? Etternavn, bool ErGjeldende);

internal sealed record Personstatus(string? Status, bool ErGjeldende);

internal sealed record Doedsfall(string? Doedsdato, bool ErGjeldende);

internal sealed record Bostedsadresse(
    Vegadresse? Vegadresse, Matrikkeladresse? Matrikkeladresse, UkjentBosted? UkjentBosted, string? Adressegradering, bool ErGjeldende);

internal sealed record Vegadresse(string? Adressekode, string? Adressenavn, Adressenummer? Adressenummer, string? Bruksenhetsnummer, string? Kommunenummer);

internal sealed record Adressenummer(string? Husnummer, string? Husbokstav);

internal sealed record Matrikkeladresse(Matrikkelnummer? Matrikkelnummer, int? Undernummer, string? Bruksenhetsnummer);

internal sealed record Matrikkelnummer(string? Kommunenummer, int? Gaardsnummer, int? Bruksnummer, int? Festenummer);

internal sealed record UkjentBosted(string? Bostedskommune);

internal sealed record GraderingAvAdresse(string? Graderingsnivaa, bool ErGjeldende);

internal sealed record Foreldreansvar(string? Ansvar, string? Ansvarlig, string? Ansvarssubjekt, bool ErGjeldende);

internal sealed record Vergemaal(
    string? Vergemaaltype, string? Embete, Verge? Verge, DateTimeOffset? Gyldighetstidspunkt, DateTimeOffset? Opphoerstidspunkt, bool ErGjeldende);

internal sealed record Verge(string? FoedselsEllerDNummer, string? Omfang, bool? OmfangetErInnenPersonligOmraade, IReadOnlyList<VergeTjeneste>? Tjenesteomraade);

internal sealed record VergeTjeneste(string? VergeTjenestevirksomhet, string? VergeTjenesteoppgave);
