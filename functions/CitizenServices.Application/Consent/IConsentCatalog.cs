namespace CitizenServices.Application.Consent;

/// <summary>The consent definitions the service offers, each version's text stored as a content-addressed document.</summary>
public interface IConsentCatalog
{
    /// <summary>Every definition, in catalog order.</summary>
    IReadOnlyList<ConsentDefinition> Definitions { get; }

    ConsentDefinition? Find(string definitionId);
}

/// <summary>
/// The texts of the definitions' versions as documents named by their SHA-256, so a decision's reference to the text the
/// person saw can never come to mean another text.
/// </summary>
public interface IConsentTexts
{
    /// <summary>Makes sure the document of <paramref name="version"/> is stored (idempotent); a decision may then refer to it.</summary>
    Task EnsureStoredAsync(ConsentDefinitionVersion version, CancellationToken cancellationToken);

    /// <summary>The stored document, checked against its hash; null when it is not stored.</summary>
    Task<ConsentText?> ReadAsync(ConsentDefinitionVersion version, CancellationToken cancellationToken);
}

public sealed record ConsentText(ReadOnlyMemory<byte> Content, string ContentType, string Sha256);
