using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace TcbPush.Protocol;

/// <summary>WeChat's request id: three groups of 8 lowercase hex digits, the first the Unix time.</summary>
internal static class RequestId
{
    public static string New(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        var seconds = (uint)now.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture,
            $"{seconds:x8}-{BinaryPrimitives.ReadUInt32BigEndian(random):x8}-{BinaryPrimitives.ReadUInt32BigEndian(random[4..]):x8}");
    }

    /// <summary>True when the text has the rid form.</summary>
    public static bool IsValid(string text) =>
        text.Length == 26 && text[8] == '-' && text[17] == '-' &&
        text.Where((c, i) => i != 8 && i != 17).All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
