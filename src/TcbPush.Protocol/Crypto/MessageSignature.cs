using System.Security.Cryptography;
using System.Text;

namespace TcbPush.Protocol.Crypto;

/// <summary>
/// WeChat's push signatures: the SHA-1, in lowercase hex, of the parts sorted ordinally and concatenated
/// (<c>signature</c> over token, timestamp and nonce; <c>msg_signature</c> adds the <c>Encrypt</c> text).
/// </summary>
internal static class MessageSignature
{
    public static string Compute(params string[] parts)
    {
        var sorted = parts.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
#pragma warning disable CA5350 // SHA-1 is what WeChat's protocol prescribes; it authenticates nothing of ours beyond that.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
#pragma warning restore CA5350
    }

    /// <summary>True when <paramref name="offered"/> is the signature of the parts; compared in constant time.</summary>
    public static bool Verify(string? offered, params string[] parts)
    {
        if (string.IsNullOrEmpty(offered))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Compute(parts));
        var given = Encoding.UTF8.GetBytes(offered.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
