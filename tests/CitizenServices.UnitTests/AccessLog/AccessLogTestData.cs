namespace CitizenServices.UnitTests.AccessLog;

/// <summary>Synthetic people (month + 80) and builders for drafts and chains.</summary>
internal static class AccessLogTestData
{
    public static readonly NationalIdentityNumber Principal = NationalIdentityNumber.Parse("01859010071");
    public static readonly NationalIdentityNumber Representative = NationalIdentityNumber.Parse("15859010099");
    public static readonly NationalIdentityNumber OtherPerson = NationalIdentityNumber.Parse("20859010084");

    public static readonly DateTimeOffset Start = new(2025, 3, 30, 0, 30, 0, TimeSpan.Zero);

    public static AccessLogDraft Draft(string operation = "appointments.list", string correlationId = "corr-1") => new(
        AccessLogActor.Person(Representative),
        new AccessLogBasis(AccessLogBasisKinds.Fullmakt, "fm-42"),
        AccessLogAction.Read(operation),
        new AccessLogResource("/api/v1/persons/{subject}/appointments", [new("subject", Principal.Value)]),
        correlationId,
        AccessLogChannels.HelsenorgeWeb);

    /// <summary>A valid chain of <paramref name="count"/> entries, ascending, one minute apart.</summary>
    public static List<AccessLogEntry> Chain(int count, NationalIdentityNumber? principal = null)
    {
        var entries = new List<AccessLogEntry>();
        AccessLogHead? head = null;
        for (var i = 0; i < count; i++)
        {
            var entry = AccessLogChain.Next(principal ?? Principal, head, Draft($"op.{i + 1}", $"corr-{i + 1}"), Start.AddMinutes(i));
            entries.Add(entry);
            head = AccessLogChain.HeadAfter(entry);
        }

        return entries;
    }

    public static AccessLogHead HeadOf(IReadOnlyList<AccessLogEntry> entries) => AccessLogChain.HeadAfter(entries[^1]);

    /// <summary>The entry with its hash recomputed, as someone who knows the format would forge it.</summary>
    public static AccessLogEntry Rehashed(AccessLogEntry entry) => entry with { Hash = AccessLogChain.ComputeHash(entry) };
}
