using System.Text.RegularExpressions;

namespace TcbPush.Client;

/// <summary>
/// A non-zero <c>errcode</c> answered by WeChat or TcbPush. <see cref="ErrMsg"/> is the server's message as sent,
/// <see cref="Rid"/> the request id parsed from its <c>rid: xxxxxxxx-xxxxxxxx-xxxxxxxx</c> suffix, when present.
/// </summary>
public sealed partial class WeChatException : Exception
{
    /// <summary>Creates an exception for an answer's errcode and errmsg; the rid is parsed from the errmsg.</summary>
    public WeChatException(int errCode, string errMsg)
        : base($"errcode {errCode}: {errMsg}")
    {
        ErrCode = errCode;
        ErrMsg = errMsg;
        Rid = ParseRid(errMsg);
    }

    /// <summary>The answer's <c>errcode</c>, e.g. 40001 or 40097.</summary>
    public int ErrCode { get; }

    /// <summary>The answer's <c>errmsg</c> exactly as sent, rid included.</summary>
    public string ErrMsg { get; }

    /// <summary>The request id from the errmsg (<c>xxxxxxxx-xxxxxxxx-xxxxxxxx</c>), to quote to the server's operator; null when absent.</summary>
    public string? Rid { get; }

    /// <summary>Finds the <c>rid: xxxxxxxx-xxxxxxxx-xxxxxxxx</c> suffix of an errmsg.</summary>
    public static string? ParseRid(string? errMsg) =>
        errMsg is not null && RidSuffix().Match(errMsg) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"rid:\s*([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})\s*\z")]
    private static partial Regex RidSuffix();
}
