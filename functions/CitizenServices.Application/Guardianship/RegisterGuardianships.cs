using System.Security.Cryptography;
using CitizenServices.Domain.Guardianship;

namespace CitizenServices.Application.Guardianship;

/// <summary>A register guardianship entry as the representation kind's record.</summary>
public static class RegisterGuardianships
{
    /// <summary>
    /// One relation per ward and guardian: the register gives its entries no id, so the relation id is derived from both
    /// numbers (stable without storage, the same on every replay, the same access-log relation across mandate changes).
    /// Like the parents' relation id it is a pseudonym, not a secret.
    /// </summary>
    public static Guid RelationId(NationalIdentityNumber ward, NationalIdentityNumber guardian) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"helsenorge/guardian/v1|{ward.Value}|{guardian.Value}")).AsSpan(0, 16));

    public static GuardianshipRecord Record(NationalIdentityNumber ward, PopulationRegister.Guardianship g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new GuardianshipRecord
        {
            Id = RelationId(ward, g.GuardianId),
            Ward = ward,
            Guardian = g.GuardianId,
            Mandate = g.Scopes.Select(s => s switch
            {
                GuardianshipScope.Personal => MandateArea.Personal,
                GuardianshipScope.Health => MandateArea.Health,
                _ => MandateArea.Financial,
            }).Distinct().Order().ToList(),
            ValidFrom = g.ValidFrom,
            ValidTo = g.ValidTo,
            DecisionReference = g.Reference,
            Ended = false,
            LastChangeId = Guid.Empty,
            LastRegisteredAt = DateTimeOffset.UnixEpoch,
        };
    }
}
