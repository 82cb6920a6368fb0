using System.Security.Cryptography;
using System.Text;

namespace TcbPush.Server.Secrets;

/// <summary>App and component secrets are kept only as salted PBKDF2 hashes and checked in constant time.</summary>
internal static class SecretHash
{
    private const int SaltSize = 16;
    private const int HashSize = 32;
    private const int Iterations = 10_000;

    public static byte[] Hash(string secret)
    {
        var stored = new byte[SaltSize + HashSize];
        RandomNumberGenerator.Fill(stored.AsSpan(0, SaltSize));
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), stored.AsSpan(0, SaltSize), stored.AsSpan(SaltSize),
            Iterations, HashAlgorithmName.SHA256);
        return stored;
    }

    /// <summary>The stored hash when it already matches <paramref name="secret"/> (re-registering changes nothing), else a new one.</summary>
    public static byte[] HashOrKeep(byte[]? stored, string secret) => stored is not null && Verify(stored, secret) ? stored : Hash(secret);

    /// <summary>Whether <paramref name="stored"/> has the shape of a hash made here (an exported one, being imported).</summary>
    public static bool IsWellFormed(byte[] stored) => stored.Length == SaltSize + HashSize;

    public static bool Verify(byte[] stored, string secret)
    {
        if (stored.Length != SaltSize + HashSize)
        {
            return false;
        }
        Span<byte> candidate = stackalloc byte[HashSize];
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), stored.AsSpan(0, SaltSize), candidate,
            Iterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(candidate, stored.AsSpan(SaltSize));
    }
}
