namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// The one catalog of storage resources the app uses. Locally <see cref="StorageBootstrapper"/> creates them; in Azure
/// the Bicep templates under infra/ create them and the app only gets data-plane roles, so <b>infra/ must list exactly
/// these names</b>. To add a resource: add a constant below, add it to <see cref="Catalog"/> and to the Bicep module;
/// the catalog test fails if a constant is missing from the catalog or a name breaks the service's naming rules.
/// </summary>
public static class StorageNames
{
    public static class Tables
    {
        /// <summary>Transactional outbox rows, written in the same partition and transaction as the state change.</summary>
        public const string Outbox = "outbox";

        /// <summary>Index of partitions that have pending outbox rows, so the relay never scans the outbox.</summary>
        public const string OutboxPending = "outboxpending";

        /// <summary>Processed event ids, for idempotent consumers.</summary>
        public const string Inbox = "inbox";

        public const string AccessLog = "accesslog";

        /// <summary>
        /// Everything the policy enforcement point reads about a person, partitioned by the person, so it decides from one
        /// partition query: the register facts (the replica of Folkeregisteret, with copies of the facts of the people the
        /// person's decisions name), the fullmakter the person gave and the foster care relations of a child
        /// (docs/population-register.md, "The replica").
        /// </summary>
        public const string People = "people";

        /// <summary>Fullmakter live in <see cref="People"/>, partitioned by the principal (giver).</summary>
        public const string Fullmakt = People;

        /// <summary>
        /// Inverse index of every stored representation kind (fullmakt, guardianship, foster care) by representative, so
        /// "who can I act for" is one partition query; each kind's rows are rebuilt from its truth by repair.
        /// </summary>
        public const string RepresentationsByRepresentative = "representationsbyrepresentative";

        /// <summary>Fullmakter whose "expiring soon" notice may be due, partitioned by last valid day; rebuilt from <see cref="Fullmakt"/> by repair.</summary>
        public const string FullmaktExpiry = "fullmaktexpiry";


        /// <summary>Consent decisions and their history, partitioned by the person: the source of truth.</summary>
        public const string Consent = "consent";

        /// <summary>Index of decisions by definition, for the sector's paged "who has an active decision"; a cache of <see cref="Consent"/>.</summary>
        public const string ConsentByDefinition = "consentbydefinition";

        /// <summary>Nettlege pilot configurations, partitioned by municipality: the current version and every earlier one.</summary>
        public const string NettlegePilots = "nettlegepilots";

        /// <summary>Nettlege triage results, partitioned by the person triaged, newest first.</summary>
        public const string NettlegeTriage = "nettlegetriage";

        /// <summary>Completed nettlege consultations with the summary for the regular GP, partitioned by appointment.</summary>
        public const string NettlegeConsultations = "nettlegeconsultations";

        /// <summary>Schedules and their slots, partitioned by schedule: the slot rows are what a booking writes conditionally.</summary>
        public const string Schedules = "schedules";

        /// <summary>A copy of each schedule's definition partitioned by municipality, for listing; written after <see cref="Schedules"/>.</summary>
        public const string ScheduleCatalog = "schedulecatalog";

        /// <summary>Appointments, holds and their Idempotency-Keys, partitioned by the person they are for: the truth about bookings.</summary>
        public const string Appointments = "appointments";

        /// <summary>Foster care relations live in <see cref="People"/>, partitioned by the child (every version kept).</summary>
        public const string CareRelation = People;

        /// <summary>
        /// DPoP proofs already presented (RFC 9449 replay detection), partitioned by issue minute and shard; kept only while
        /// a proof could still be fresh, then deleted by the housekeeping timer.
        /// </summary>
        public const string DPoPProofs = "dpopproofs";
    }

    public static class Containers
    {
        /// <summary>Content-addressed consent texts and other documents.</summary>
        public const string Documents = "documents";

        /// <summary>Daily exports of every table (Backup/TableExporter), expired by lifecycle management in Azure.</summary>
        public const string Backups = "backups";

        /// <summary>
        /// Access-log chain heads, write-once; in Azure under a time-based immutability (WORM) policy. Azurite does not
        /// enforce immutability.
        /// </summary>
        public const string AccessLogAnchors = "accesslog-anchors";
    }

    public static StorageCatalog Catalog { get; } = new(
        Tables:
        [
            Tables.Outbox,
            Tables.OutboxPending,
            Tables.Inbox,
            Tables.AccessLog,
            Tables.RepresentationsByRepresentative,
            Tables.People,
            Tables.FullmaktExpiry,
            Tables.Consent,
            Tables.ConsentByDefinition,
            Tables.NettlegePilots,
            Tables.NettlegeTriage,
            Tables.NettlegeConsultations,
            Tables.Schedules,
            Tables.ScheduleCatalog,
            Tables.Appointments,
            Tables.DPoPProofs,
        ],
        Containers: [Containers.Documents, Containers.Backups, Containers.AccessLogAnchors],
        // No storage queues yet: events go through Service Bus. Add a nested Queues class when one is needed.
        Queues: []);
}

/// <summary>A set of storage resources; <see cref="StorageNames.Catalog"/> is the app's, tests build their own.</summary>
public sealed record StorageCatalog(IReadOnlyList<string> Tables, IReadOnlyList<string> Containers, IReadOnlyList<string> Queues)
{
    /// <summary>Every rule violation in the catalog; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        problems.AddRange(Tables.Where(t => !StorageNameRules.IsValidTableName(t)).Select(t => $"Invalid table name '{t}'."));
        problems.AddRange(Containers.Where(c => !StorageNameRules.IsValidContainerName(c)).Select(c => $"Invalid container name '{c}'."));
        problems.AddRange(Queues.Where(q => !StorageNameRules.IsValidQueueName(q)).Select(q => $"Invalid queue name '{q}'."));

        // Table names are case-insensitive in the service, so "Outbox" and "outbox" would be the same table.
        problems.AddRange(Tables.GroupBy(t => t, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"Duplicate table name '{g.Key}'."));
        problems.AddRange(Containers.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Duplicate container name '{g.Key}'."));
        problems.AddRange(Queues.GroupBy(q => q, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Duplicate queue name '{g.Key}'."));
        return problems;
    }
}

/// <summary>
/// Naming rules of the services. Azurite is lenient about some of them, so they are checked here rather than
/// discovered at the first deployment.
/// </summary>
public static partial class StorageNameRules
{
    /// <summary>
    /// Tables: alphanumeric, 3–63 characters, starting with a letter; "tables" is reserved
    /// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model).
    /// </summary>
    public static bool IsValidTableName(string? name) =>
        name is not null
        && TableNamePattern().IsMatch(name)
        && !string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Containers: 3–63 lowercase letters, digits and hyphens; starts and ends with a letter or digit; no "--"
    /// (https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata).
    /// </summary>
    public static bool IsValidContainerName(string? name) => IsValidDnsStyleName(name);

    /// <summary>Queues follow the same DNS-style rules as containers
    /// (https://learn.microsoft.com/rest/api/storageservices/naming-queues-and-metadata).</summary>
    public static bool IsValidQueueName(string? name) => IsValidDnsStyleName(name);

    private static bool IsValidDnsStyleName(string? name) =>
        name is not null && DnsStyleNamePattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsStyleNamePattern();
}
