using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using TcbPush.Server.Secrets;

namespace TcbPush.Server.Credentials;

/// <summary>
/// Token strings: base64url of (version, kind, generation, issued, expires, subject) followed by an HMAC-SHA256
/// of those bytes under a key derived from the master key. Unforgeable without the key, checkable without a
/// database round trip, and the same record always yields the same string (stable tokens are re-derived).
/// </summary>
internal sealed class TokenCodec(MasterKey masterKey)
{
    private const byte Version = 1;
    private const int HeaderSize = 1 + 1 + 8 + 8 + 8;
    private const int MacSize = 32;
    private const int MaxTokenLength = 512;
    private readonly byte[] key = masterKey.Derive("tcbpush token signing v1");

    public string Encode(AccessToken token)
    {
        var subject = Encoding.UTF8.GetBytes(token.Subject);
        var bytes = new byte[HeaderSize + subject.Length + MacSize];
        bytes[0] = Version;
        bytes[1] = (byte)token.Kind;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(2), token.Generation);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(10), token.IssuedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(18), token.ExpiresAt.ToUnixTimeMilliseconds());
        subject.CopyTo(bytes.AsSpan(HeaderSize));
        var signed = bytes.AsSpan(0, bytes.Length - MacSize);
        HMACSHA256.HashData(key, signed, bytes.AsSpan(signed.Length));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The token's claims, or null when the string is malformed or its signature does not hold.</summary>
    public AccessToken? TryDecode(string text)
    {
        if (text.Length is 0 or > MaxTokenLength || text.Length % 4 == 1 ||
            !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[Base64Url.GetMaxDecodedLength(text.Length)];
        int length;
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, bytes, out length) || length < HeaderSize + MacSize + 1)
            {
                return null;
            }
        }
        catch (FormatException)
        {
            // Non-canonical trailing bits: not one of ours.
            return null;
        }
        bytes = bytes[..length];
        var signed = bytes[..^MacSize];
        Span<byte> expected = stackalloc byte[MacSize];
        HMACSHA256.HashData(key, signed, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[^MacSize..]) || signed[0] != Version ||
            !Enum.IsDefined((TokenKind)signed[1]))
        {
            return null;
        }
        return new AccessToken(
            (TokenKind)signed[1],
            Encoding.UTF8.GetString(signed[HeaderSize..]),
            BinaryPrimitives.ReadInt64BigEndian(signed[2..]),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(signed[10..])),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(signed[18..])));
    }
}
