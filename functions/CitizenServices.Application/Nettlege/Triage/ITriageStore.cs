namespace CitizenServices.Application.Nettlege.Triage;

/// <summary>A stored triage: who it is about, who answered (the subject or their representative), answers and result.</summary>
public sealed record StoredTriage(
    Guid Id,
    NationalIdentityNumber Subject,
    NationalIdentityNumber AnsweredBy,
    DateTimeOffset At,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Answers,
    TriageResult Result);

/// <summary>Triage results, kept per subject with the questionnaire version, the answers and the reasons.</summary>
public interface ITriageStore
{
    Task SaveAsync(StoredTriage triage, CancellationToken cancellationToken);

    /// <summary>
    /// The subject's latest triage at or after <paramref name="since"/>, or null; of several at that same latest instant, the
    /// one with the highest level of care.
    /// </summary>
    Task<StoredTriage?> LatestSinceAsync(NationalIdentityNumber subject, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>The published questionnaire versions; the current one is served, any published one is accepted.</summary>
public interface IQuestionnaireCatalog
{
    Questionnaire Current { get; }

    Questionnaire? Find(int version);
}
