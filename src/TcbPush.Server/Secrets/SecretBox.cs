using System.Security.Cryptography;
using System.Text;

namespace TcbPush.Server.Secrets;

/// <summary>Encrypts secrets that must be readable again (message tokens, AES keys) with AES-GCM before they are stored.</summary>
internal sealed class SecretBox(MasterKey masterKey)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key = masterKey.Derive("tcbpush secret box v1");

    public byte[] Seal(string plaintext)
    {
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + input.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, input, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    public string Open(byte[] sealedBytes)
    {
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize),
            sealedBytes.AsSpan(NonceSize, TagSize), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }
}
