using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace TcbPush.Protocol.Crypto;

/// <summary>
/// Safe mode's encryption, the WXBizMsgCrypt scheme: AES-256-CBC with key = Base64(EncodingAESKey + "="),
/// IV = the key's first 16 bytes, PKCS#7 padding to 32-byte blocks, over
/// 16 random bytes + the message length (4 bytes, big-endian) + the message + the appid, all UTF-8.
/// </summary>
internal sealed class WeChatMessageCrypt
{
    private const int PrefixSize = 16;
    private const int PaddingBlock = 32;
    private readonly byte[] key;

    /// <exception cref="ArgumentException">the key is not 43 characters of base64 making 32 bytes</exception>
    public WeChatMessageCrypt(string encodingAesKey)
    {
        ArgumentNullException.ThrowIfNull(encodingAesKey);
        var bytes = new byte[33];
        if (encodingAesKey.Length != 43 || !Convert.TryFromBase64String(encodingAesKey + "=", bytes, out var written) || written != 32)
        {
            throw new ArgumentException("an EncodingAESKey is 43 characters of base64 (32 bytes)", nameof(encodingAesKey));
        }
        key = bytes[..32];
    }

    /// <summary>The <c>Encrypt</c> text (base64) of <paramref name="message"/> for <paramref name="appId"/>.</summary>
    public string Encrypt(string message, string appId) => Encrypt(message, appId, RandomNumberGenerator.GetBytes(PrefixSize));

    /// <summary>As <see cref="Encrypt(string, string)"/> with a given 16-byte prefix (known-answer tests only).</summary>
    internal string Encrypt(string message, string appId, ReadOnlySpan<byte> randomPrefix)
    {
        if (randomPrefix.Length != PrefixSize)
        {
            throw new ArgumentException("the random prefix is 16 bytes", nameof(randomPrefix));
        }
        var body = Encoding.UTF8.GetBytes(message);
        var id = Encoding.UTF8.GetBytes(appId);
        var length = PrefixSize + 4 + body.Length + id.Length;
        var pad = PaddingBlock - length % PaddingBlock;
        var plain = new byte[length + pad];
        randomPrefix.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(PrefixSize), body.Length);
        body.CopyTo(plain, PrefixSize + 4);
        id.CopyTo(plain, PrefixSize + 4 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>
    /// Decrypts an <c>Encrypt</c> text; null when it is not base64 of whole AES blocks, or when the plaintext
    /// does not have the scheme's shape (padding, length), i.e. it was not made with this key.
    /// </summary>
    public DecryptedMessage? Decrypt(string encrypted)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            return null;
        }
        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            return null;
        }
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(cipher, key.AsSpan(0, 16), PaddingMode.None);
        int pad = plain[^1];
        if (pad is < 1 or > PaddingBlock || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept((byte)pad))
        {
            return null;
        }
        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < PrefixSize + 4)
        {
            return null;
        }
        var messageLength = BinaryPrimitives.ReadInt32BigEndian(content[PrefixSize..]);
        if (messageLength < 0 || messageLength > content.Length - PrefixSize - 4)
        {
            return null;
        }
        var message = content.Slice(PrefixSize + 4, messageLength);
        var appId = content[(PrefixSize + 4 + messageLength)..];
        return new DecryptedMessage(message.ToArray(), Encoding.UTF8.GetString(appId));
    }
}
