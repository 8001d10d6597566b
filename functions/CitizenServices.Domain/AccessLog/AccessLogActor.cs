namespace CitizenServices.Domain.AccessLog;

public enum AccessLogActorKind
{
    /// <summary>A citizen, identified by national identity number (a representative, or the principal themself).</summary>
    Person,

    /// <summary>A caseworker or administrator, identified by their workforce (Entra ID) object id.</summary>
    Workforce,

    /// <summary>A machine client (a case system, a sector system), identified by its client id.</summary>
    System,

    /// <summary>
    /// A sector system acting for an organisation (a hospital, a pharmacy, a GP office), identified by the legal entity's
    /// organisation number and, where the system acts for one, the sub-unit's: <c>{legal entity}[/{sub-unit}]</c>.
    /// </summary>
    Organisation,

    /// <summary>
    /// Health personnel, through their organisation's system with a user-bound token, identified by the HPR number and the
    /// organisation: <c>{hpr}@{legal entity}[/{sub-unit}]</c>.
    /// </summary>
    HealthPersonnel,
}

/// <summary>Who performed the action.</summary>
/// <remarks>
/// For a person <see cref="Id"/> is the full national identity number: the principal is entitled to know exactly who
/// acted for them. <see cref="ToString"/> masks it, so an entry that ends up in a log line does not leak it.
/// </remarks>
public sealed record AccessLogActor
{
    public const int MaxIdLength = 128;

    private AccessLogActor(AccessLogActorKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    public AccessLogActorKind Kind { get; }

    public string Id { get; }

    public static AccessLogActor Person(NationalIdentityNumber person) => new(AccessLogActorKind.Person, person.Value);

    public static AccessLogActor Workforce(string id) =>
        new(AccessLogActorKind.Workforce, AccessLogText.Required(id, nameof(id), MaxIdLength));

    public static AccessLogActor System(string id) =>
        new(AccessLogActorKind.System, AccessLogText.Required(id, nameof(id), MaxIdLength));

    /// <summary>An organisation's system, or health personnel through it when <see cref="AccessLogOrganisation.HealthPersonnel"/> is set.</summary>
    public static AccessLogActor Organisation(AccessLogOrganisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return new(
            organisation.HealthPersonnel is null ? AccessLogActorKind.Organisation : AccessLogActorKind.HealthPersonnel,
            organisation.ToId());
    }

    /// <summary>Rebuilds a stored actor; a person's id must be a valid national identity number.</summary>
    /// <exception cref="ArgumentException">The kind or id is not valid.</exception>
    public static AccessLogActor Create(AccessLogActorKind kind, string id) => kind switch
    {
        AccessLogActorKind.Person => NationalIdentityNumber.TryParse(id, out var person)
            ? Person(person)
            : throw new ArgumentException("A person actor's id must be a valid national identity number.", nameof(id)),
        AccessLogActorKind.Workforce => Workforce(id),
        AccessLogActorKind.System => System(id),
        AccessLogActorKind.Organisation or AccessLogActorKind.HealthPersonnel
            when AccessLogOrganisation.TryParse(id, out var organisation)
                && (organisation.HealthPersonnel is null) == (kind == AccessLogActorKind.Organisation) => Organisation(organisation),
        AccessLogActorKind.Organisation or AccessLogActorKind.HealthPersonnel => throw new ArgumentException(
            "An organisation actor's id is [hpr@]legal-entity[/sub-unit], with an HPR number exactly for health personnel.", nameof(id)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown actor kind."),
    };

    /// <summary>The acting person's number, when the actor is a person.</summary>
    public bool TryGetPerson(out NationalIdentityNumber person)
    {
        if (Kind == AccessLogActorKind.Person)
        {
            person = NationalIdentityNumber.Parse(Id);
            return true;
        }

        person = default;
        return false;
    }

    /// <summary>The organisation (and health personnel) behind the access, when the actor is a sector system.</summary>
    public bool TryGetOrganisation([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AccessLogOrganisation? organisation)
    {
        organisation = null;
        return Kind is AccessLogActorKind.Organisation or AccessLogActorKind.HealthPersonnel
            && AccessLogOrganisation.TryParse(Id, out organisation);
    }

    public override string ToString() => Kind switch
    {
        AccessLogActorKind.Person => $"person:{NationalIdentityNumber.Parse(Id)}",
        _ => $"{AccessLogNames.Of(Kind)}:{Id}",
    };
}
