using System.Security.Cryptography;
using System.Text;

namespace TcbPush.Server.Secrets;

/// <summary>
/// Seals the readable secrets (message tokens, AES keys) of an export with AES-GCM under a key derived from the master
/// key, so that only a server with the same master key can import them. The nonce is derived from the plaintext
/// (a keyed hash, as in SIV): the same secret seals the same way, so exporting twice gives the same document, and a
/// nonce repeats only with its plaintext, which reveals no more than that two sealed values are equal.
/// </summary>
internal sealed class ExportSeal(MasterKey masterKey)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key = masterKey.Derive("tcbpush export seal v1");
    private readonly byte[] nonceKey = masterKey.Derive("tcbpush export seal nonce v1");

    /// <summary>The secret sealed, in base64.</summary>
    public string Seal(string plaintext)
    {
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + input.Length];
        HMACSHA256.HashData(nonceKey, input).AsSpan(0, NonceSize).CopyTo(output);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(output.AsSpan(0, NonceSize), input, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    /// <summary>The secret, or null when <paramref name="sealedBase64"/> was not sealed by this master key (or is not base64).</summary>
    public string? Open(string sealedBase64)
    {
        var sealedBytes = new byte[sealedBase64.Length];
        if (!Convert.TryFromBase64String(sealedBase64, sealedBytes, out var length) || length < NonceSize + TagSize)
        {
            return null;
        }
        var plaintext = new byte[length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize, plaintext.Length),
                sealedBytes.AsSpan(NonceSize, TagSize), plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plaintext);
    }
}
