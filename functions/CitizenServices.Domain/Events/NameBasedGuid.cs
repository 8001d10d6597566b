namespace CitizenServices.Domain.Events;

/// <summary>
/// Name-based (RFC 9562 version 8) UUIDs over SHA-256, since version 5's SHA-1 is deprecated: the same name always
/// gives the same id, so a message produced again for a redelivered event carries the id of the first.
/// </summary>
public static class NameBasedGuid
{
    public static Guid Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
