using System.Net.Http.Json;

namespace CitizenServices.Infrastructure.PopulationRegister.Folkeregisteret;

/// <summary>A register answer the client cannot use: neither success nor a fault a retry could fix.</summary>
public sealed class RegisterProtocolException(string message) : Exception(message)
{
    public RegisterProtocolException()
        : this("The register's answer could not be used.")
    {
    }

    public RegisterProtocolException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}

/// <summary>
/// Folkeregisteret's consumer API (offentlig med hjemmel) as the follower uses it: the event feed and bulk person lookups
/// that ask only for the elements the representation rules read (dataminimering, <see cref="Parts"/>). Tokens, retries,
/// the circuit breaker and timeouts are the HttpClient's handlers (<see cref="FolkeregisteretServiceCollectionExtensions"/>),
/// so this class sees only answers that are final.
/// </summary>
public sealed class FolkeregisterClient(HttpClient http, FolkeregisteretOptions options) : IRegisterFeedSource
{
    /// <summary>
    /// The elements the rules read: identity, name, status and death, residential address and shared residence (who lives
    /// with whom), address protection, parental responsibility, guardianship. Not asked for: family relations (parental
    /// responsibility names the people who matter), civil status, citizenship, postal addresses, birth details (the
    /// number carries the birth date) or history.
    /// </summary>
    public static IReadOnlyList<string> Parts { get; } =
    [
        "identifikasjonsnummer", "navn", "status", "doedsfall", "bostedsadresse", "deltBosted", "adressebeskyttelse", "foreldreansvar",
        "vergemaalEllerFremtidsfullmakt",
    ];

    private static readonly string PartQuery = string.Join('&', Parts.Select(p => "part=" + Uri.EscapeDataString(p)));

    public int PageSize => options.PageSize;

    public async Task<FeedPage> ReadPageAsync(long fromSequence, string? etag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"hendelser/feed?seq={fromSequence}"));
        request.Headers.Accept.ParseAdd("application/json");
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FeedPage([], etag, true);
        }

        await EnsureSuccessAsync(response, "hendelser/feed", cancellationToken);
        List<LagretHendelse>? page;
        try
        {
            page = await response.Content.ReadFromJsonAsync(FolkeregisteretJsonContext.Default.ListLagretHendelse, cancellationToken);
        }
        catch (JsonException exception)
        {
            // The feed itself unreadable: nothing can be skipped safely, so the run fails and the next one reads it again.
            throw new RegisterProtocolException($"The feed page from {fromSequence} is not readable: {exception.Message}");
        }

        var entries = new List<FeedEntry>(page?.Count ?? 0);
        foreach (var item in page ?? [])
        {
            if (item.Sekvensnummer is not { } sequence || item.Hendelse?.Folkeregisteridentifikator is not { Length: 11 } person
                || item.Hendelse.Hendelsetype is not { } type)
            {
                throw new RegisterProtocolException($"A feed entry after sequence {fromSequence} lacks sekvensnummer, folkeregisteridentifikator or hendelsetype.");
            }

            entries.Add(new FeedEntry(sequence, person, type, item.Hendelse.Ajourholdstidspunkt ?? DateTimeOffset.MinValue));
        }

        return new FeedPage(entries, response.Headers.ETag?.ToString(), false);
    }

    public async Task<IReadOnlyList<PersonLookup>> LookupAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var response = await http.PostAsJsonAsync(
            "personer/bulkoppslag?" + PartQuery, new PersonBulkoppslagRequest(ids), FolkeregisteretJsonContext.Default.PersonBulkoppslagRequest, cancellationToken);
        await EnsureSuccessAsync(response, "personer/bulkoppslag", cancellationToken);
        PersonBulkoppslagResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync(FolkeregisteretJsonContext.Default.PersonBulkoppslagResponse, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new RegisterProtocolException($"The bulk lookup answer is not readable: {exception.Message}");
        }

        var answers = (body?.Oppslag ?? []).Where(o => o.FoedselsEllerDNummer is not null).ToDictionary(o => o.FoedselsEllerDNummer!, StringComparer.Ordinal);
        var result = new List<PersonLookup>(ids.Count);
        foreach (var id in ids)
        {
            if (!answers.TryGetValue(id, out var answer))
            {
                throw new RegisterProtocolException("The bulk lookup answer lacks a requested person.");
            }

            result.Add(Read(id, answer));
        }

        return result;
    }

    /// <summary>
    /// The person's former numbers from <c>personer/{id}?part=identifikasjonsnummer&amp;part=historikk</c>: the identifier
    /// element alone, with its history (<c>historikk</c> returns history for every element asked for, so nothing else is
    /// asked for). A former number is an entry that is not current, or whose status is <c>opphoert</c>.
    /// </summary>
    public async Task<FormerNumbers> FormerNumbersAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            new Uri($"personer/{Uri.EscapeDataString(id)}?part=identifikasjonsnummer&part=historikk", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return FormerNumbers.None;
        }

        await EnsureSuccessAsync(response, "personer", cancellationToken);
        var raw = await response.Content.ReadAsStringAsync(cancellationToken);
        Folkeregisterperson? person;
        try
        {
            person = JsonSerializer.Deserialize(raw, FolkeregisteretJsonContext.Default.Folkeregisterperson);
        }
        catch (JsonException exception)
        {
            return new FormerNumbers([], $"identifikasjonsnummer history: not readable at {exception.Path ?? "$"}.", raw);
        }

        var (numbers, problem) = PersonMapper.FormerNumbers(person);
        return problem is null ? new FormerNumbers(numbers, null, null) : new FormerNumbers([], problem, raw);
    }

    /// <summary>One person, from <c>personer/{id}</c>; null when the register does not know the number.</summary>
    public async Task<PersonLookup?> LookupOneAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"personer/{Uri.EscapeDataString(id)}?{PartQuery}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "personer", cancellationToken);
        var raw = await response.Content.ReadAsStringAsync(cancellationToken);
        return Parse(id, raw);
    }

    private static PersonLookup Read(string id, Oppslag answer)
    {
        if (answer.Folkeregisterperson is not { } document)
        {
            return new PersonLookup(id, null, null, null);
        }

        return Parse(id, document.GetRawText());
    }

    private static PersonLookup Parse(string id, string raw)
    {
        Folkeregisterperson? person;
        try
        {
            person = JsonSerializer.Deserialize(raw, FolkeregisteretJsonContext.Default.Folkeregisterperson);
        }
        catch (JsonException exception)
        {
            return new PersonLookup(id, null, $"Not readable as a Folkeregisterperson at {exception.Path ?? "$"}.", raw);
        }

        if (person is null)
        {
            return new PersonLookup(id, null, "The document is null.", raw);
        }

        var (mapped, problem) = PersonMapper.Map(person);
        if (mapped is not null && mapped.Id.Value != id)
        {
            // Looked up by a number that is no longer the person's own (replaced): the facts belong to the current number.
            return new PersonLookup(id, mapped, null, null);
        }

        return problem is null ? new PersonLookup(id, mapped, null, null) : new PersonLookup(id, null, problem, raw);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string resource, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // The register's error body is {kode, melding}: kept for the log, never shown to citizens.
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = text.Length > 300 ? text[..300] : text;
        throw new HttpRequestException(
            $"Folkeregisteret {resource} answered {(int)response.StatusCode}: {detail}", null, response.StatusCode);
    }
}

/// <summary>Configuration section <c>PopulationRegister:Folkeregisteret</c>.</summary>
public sealed class FolkeregisteretOptions
{
    public const string SectionName = "PopulationRegister:Folkeregisteret";

    /// <summary>
    /// The API base including the rights package and version, ending in a slash, e.g.
    /// <c>https://folkeregisteret-api-konsument.sits.no/folkeregisteret/offentlig-med-hjemmel/api/v1/</c> (Skatteetaten's
    /// consumer test environment). Empty: no register is followed (the replica keeps what it has).
    /// </summary>
    public string? BaseAddress { get; set; }

    public int PageSize { get; set; } = 1000;

    /// <summary>Pages one timer run reads at most, so a long catch-up is spread over runs.</summary>
    public int MaxPagesPerRun { get; set; } = 50;

    /// <summary>The feed's name in storage; a test following its own double gives its own.</summary>
    public string FeedName { get; set; } = "folkeregisteret";

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First retry delay; later ones back off exponentially with jitter, unless the register sends Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public MaskinportenClientOptions Maskinporten { get; set; } = new();
}

/// <summary>Maskinporten client settings (the Altinn.ApiClients.Maskinporten library's, bound to its settings type).</summary>
public sealed class MaskinportenClientOptions
{
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The rights package's scope.</summary>
    public string Scope { get; set; } = "folkeregister:deling/offentligmedhjemmel";

    /// <summary><c>test</c> (Skatteetaten's consumer test environment) or <c>prod</c>.</summary>
    public string Environment { get; set; } = "test";

    /// <summary>The client's private JWK, base64-encoded (from Key Vault in Azure).</summary>
    public string? EncodedJwk { get; set; }

    /// <summary>Or a file holding the JWK as JSON (the committed development key in a local run).</summary>
    public string? JwkFile { get; set; }

    /// <summary>
    /// Local runs and tests only: where the token request goes instead of Maskinporten (the register double's
    /// <c>/token</c>). The grant is still signed for Maskinporten's audience.
    /// </summary>
    public string? TokenEndpoint { get; set; }
}
