using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TcbPush.Protocol;
using TcbPush.Protocol.Messages;
using TcbPush.Protocol.Admin;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Push.Admin;

/// <summary>
/// Messages shaped like WeChat's, standing in for a user of the mini program: text, image, miniprogrampage
/// (a shared card) and events (by default <c>user_enter_tempsession</c>, a user opening the customer-service chat).
/// </summary>
internal sealed partial class SimulatedMessages(TimeProvider time)
{
    public const string DemoOpenId = "oTcbPush0Demo0User0000000000";
    public const string DefaultContent = "hello";
    public const string DefaultEvent = "user_enter_tempsession";
    public static readonly IReadOnlyList<string> Types = ["text", "image", "miniprogrampage", "event"];
    private const int MaxContentChars = 2048;

    public Result<PushedMessage> Create(string appId, SimulatedMessage request)
    {
        if (string.IsNullOrEmpty(request.Type))
        {
            return new WeChatError(ErrCode.MissingParameter, "type");
        }
        if (!Types.Contains(request.Type))
        {
            return new WeChatError(ErrCode.InvalidArgs, $"type must be one of {string.Join(", ", Types)}");
        }
        if (request.Event is not null && request.Type != "event")
        {
            return new WeChatError(ErrCode.InvalidArgs, "event applies to type event only");
        }
        if (request.Event is not null && !EventPattern().IsMatch(request.Event))
        {
            return new WeChatError(ErrCode.InvalidArgs, "event: 1-64 characters of A-Z, a-z, 0-9 and _");
        }
        if (request.From is not null && !OpenIdPattern().IsMatch(request.From))
        {
            return new WeChatError(ErrCode.InvalidArgs, "from: 1-128 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (request.Content is { Length: > MaxContentChars })
        {
            return new WeChatError(ErrCode.InvalidArgs, $"content: at most {MaxContentChars} characters");
        }
        var fields = new JsonObject
        {
            ["ToUserName"] = OriginalId(appId),
            ["FromUserName"] = request.From ?? DemoOpenId,
            ["CreateTime"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["MsgType"] = request.Type,
        };
        switch (request.Type)
        {
            case "text":
                fields["Content"] = request.Content ?? DefaultContent;
                break;
            case "image":
                var mediaId = MediaId();
                fields["PicUrl"] = $"https://mmbiz.qpic.cn/tcbpush/{mediaId}/0";
                fields["MediaId"] = mediaId;
                break;
            case "miniprogrampage":
                fields["Title"] = request.Content ?? DefaultContent;
                fields["AppId"] = appId;
                fields["PagePath"] = "pages/index/index";
                var thumbId = MediaId();
                fields["ThumbUrl"] = $"https://mmbiz.qpic.cn/tcbpush/{thumbId}/0";
                fields["ThumbMediaId"] = thumbId;
                break;
            default:
                fields["Event"] = request.Event ?? DefaultEvent;
                fields["SessionFrom"] = request.Content ?? "";
                break;
        }
        if (request.Type != "event")
        {
            fields["MsgId"] = MsgId();
        }
        return PushedMessage.From(fields);
    }

    /// <summary>A stand-in for the mini program's original id (gh_ and 12 hex digits), stable per appid.</summary>
    private static string OriginalId(string appId) =>
        "gh_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appId)))[..12];

    private static string MediaId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    /// <summary>A random 17-digit id, the size of WeChat's.</summary>
    private static long MsgId()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        const long low = 10_000_000_000_000_000;
        return low + (long)(BinaryPrimitives.ReadUInt64BigEndian(random) % (ulong)(9 * low));
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}\\z")]
    private static partial Regex EventPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}\\z")]
    private static partial Regex OpenIdPattern();
}
