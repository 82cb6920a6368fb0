using System.Security.Cryptography;
using System.Text;

namespace TcbPush.Server.Secrets;

/// <summary>
/// Keeps secrets that need only be compared (verify tickets, refresh tokens, authorization codes) as HMAC-SHA256
/// digests under a key derived from the master key: deterministic, so they can be looked up, and, unlike a plain
/// hash, not open to guessing from a copy of the database even when the value was a low-entropy seed string.
/// </summary>
internal sealed class SecretDigest(MasterKey masterKey)
{
    private readonly byte[] key = masterKey.Derive("tcbpush secret digest v1");

    public byte[] Of(string secret) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(secret));

    /// <summary>Whether <paramref name="digest"/> has the shape of a digest made here (an exported one, being imported).</summary>
    public static bool IsWellFormed(byte[] digest) => digest.Length == HMACSHA256.HashSizeInBytes;

    /// <summary>Compares in constant time.</summary>
    public bool Matches(byte[] storedDigest, string secret) => CryptographicOperations.FixedTimeEquals(storedDigest, Of(secret));
}
