using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TcbPush.Protocol;
using TcbPush.Server.Apps;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Conversations;

/// <summary>
/// SPEC §10.3's checks of a custom/send body after <c>touser</c>, in order: 40008 (msgtype missing or not allowed
/// for the app's kind), 40097 (the msgtype's object or a required field of it missing or empty, or a field of the
/// wrong type), 45002 (text content over 2,048 bytes). A pure function: the body and the kind in, the message or
/// the error out. Unknown fields are ignored; an empty string counts as absent.
/// </summary>
internal static class CustomMessageRules
{
    public const int MaxTextBytes = 2048;

    private static readonly IReadOnlyList<string> MiniProgramTypes = ["text", "image", "link", "miniprogrampage"];

    private static readonly IReadOnlyList<string> OfficialAccountTypes =
        ["text", "image", "voice", "video", "music", "news", "mpnews", "mpnewsarticle", "msgmenu", "wxcard", "miniprogrampage"];

    /// <summary>Each msgtype's string fields: the required ones, then the optional ones (whose type is still checked).</summary>
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Fields = new(StringComparer.Ordinal)
    {
        ["text"] = (["content"], []),
        ["image"] = (["media_id"], []),
        ["voice"] = (["media_id"], []),
        ["video"] = (["media_id"], ["thumb_media_id", "title", "description"]),
        ["music"] = ([], ["title", "description", "musicurl", "hqmusicurl", "thumb_media_id"]),
        ["news"] = ([], []),
        ["mpnews"] = (["media_id"], []),
        ["mpnewsarticle"] = (["article_id"], []),
        ["msgmenu"] = ([], ["head_content", "tail_content"]),
        ["wxcard"] = (["card_id"], []),
        ["link"] = (["title", "url"], ["description", "thumb_url"]),
        ["miniprogrampage"] = (["title", "pagepath", "thumb_media_id"], ["appid"]),
    };

    /// <summary>The msgtypes an app of <paramref name="kind"/> may send.</summary>
    public static IReadOnlyList<string> AllowedTypes(string kind) => kind == AppKind.OfficialAccount ? OfficialAccountTypes : MiniProgramTypes;

    /// <summary>The message's msgtype and that msgtype's object, or the first failing check's error.</summary>
    public static Result<(string MsgType, JsonObject Message)> Validate(JsonElement body, string kind)
    {
        var msgType = NonEmptyString(body, "msgtype");
        if (msgType is null || !AllowedTypes(kind).Contains(msgType))
        {
            return new WeChatError(ErrCode.InvalidMessageType,
                msgType is null ? "msgtype is missing" : $"msgtype '{msgType}' is not allowed for a {kind}");
        }
        if (!JsonFields.Present(body, msgType, out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return new WeChatError(ErrCode.InvalidArgs, $"{msgType} must be an object");
        }
        var (required, optional) = Fields[msgType];
        foreach (var name in required.Concat(optional))
        {
            if (JsonFields.Present(element, name, out var value) && value.ValueKind != JsonValueKind.String)
            {
                return new WeChatError(ErrCode.InvalidArgs, $"{msgType}.{name} must be a string");
            }
        }
        if (required.FirstOrDefault(name => NonEmptyString(element, name) is null) is { } missing)
        {
            return new WeChatError(ErrCode.InvalidArgs, $"{msgType}.{missing} is required");
        }
        if (msgType switch
            {
                "news" => CheckNews(element),
                "msgmenu" => CheckMenu(element),
                _ => null,
            } is { } invalid)
        {
            return invalid;
        }
        if (JsonFields.Present(body, "customservice", out var customService) && customService.ValueKind != JsonValueKind.Object)
        {
            return new WeChatError(ErrCode.InvalidArgs, "customservice must be an object");
        }
        if (msgType == "text" && Encoding.UTF8.GetByteCount(element.GetProperty("content").GetString()!) > MaxTextBytes)
        {
            return new WeChatError(ErrCode.ContentSizeOutOfLimit, $"text.content is over {MaxTextBytes} bytes");
        }
        return (msgType, JsonObject.Create(element)!.DeepClone().AsObject());
    }

    private static WeChatError? CheckNews(JsonElement news)
    {
        if (!JsonFields.Present(news, "articles", out var articles) || articles.ValueKind != JsonValueKind.Array || articles.GetArrayLength() != 1)
        {
            return new WeChatError(ErrCode.InvalidArgs, "news.articles must hold exactly one article");
        }
        var article = articles[0];
        if (article.ValueKind != JsonValueKind.Object)
        {
            return new WeChatError(ErrCode.InvalidArgs, "news.articles[0] must be an object");
        }
        foreach (var name in new[] { "title", "url", "description", "picurl" })
        {
            if (JsonFields.Present(article, name, out var value) && value.ValueKind != JsonValueKind.String)
            {
                return new WeChatError(ErrCode.InvalidArgs, $"news.articles[0].{name} must be a string");
            }
        }
        return NonEmptyString(article, "title") is null || NonEmptyString(article, "url") is null
            ? new WeChatError(ErrCode.InvalidArgs, "news.articles[0] needs title and url")
            : null;
    }

    private static WeChatError? CheckMenu(JsonElement menu)
    {
        if (!JsonFields.Present(menu, "list", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return new WeChatError(ErrCode.InvalidArgs, "msgmenu.list must be a non-empty array");
        }
        return list.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.Object)
            ? new WeChatError(ErrCode.InvalidArgs, "msgmenu.list items must be objects of id and content")
            : null;
    }

    /// <summary>The field when it is a non-empty string; null when absent, empty, or of another type.</summary>
    public static string? NonEmptyString(JsonElement obj, string name) =>
        JsonFields.Present(obj, name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
