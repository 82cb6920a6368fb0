using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TcbPush.Protocol.Messages;

namespace TcbPush.Server.Conversations;

/// <summary>
/// SPEC §10.2: reads a target's answer as a passive reply to <c>message</c>, in the route's format (JSON for
/// functions and text_mode 1, XML for text_mode 2). An empty body or <c>success</c> is no reply. A reply needs
/// <c>ToUserName</c> = the message's <c>FromUserName</c>, a known <c>MsgType</c> and that type's fields; TcbPush fills
/// in <c>FromUserName</c> (the message's <c>ToUserName</c>) and <c>CreateTime</c> when the reply leaves them out.
/// A pure function.
/// </summary>
internal static class PassiveReplyParser
{
    public const int MaxArticles = 8;

    public static IReadOnlyList<string> Types { get; } =
        ["text", "image", "voice", "video", "music", "news", "transfer_customer_service"];

    /// <summary>An empty body or <c>success</c>: no reply, whatever the message (so the message need not be read).</summary>
    public static bool IsNoReply(ReadOnlySpan<byte> body)
    {
        var trimmed = body.Trim(" \t\r\n"u8);
        return trimmed.IsEmpty || trimmed.SequenceEqual("success"u8);
    }

    public static PassiveReply Parse(ReadOnlyMemory<byte> body, MessageFormat expected, PushedMessage message, DateTimeOffset now)
    {
        if (IsNoReply(body.Span))
        {
            return PassiveReply.None;
        }
        JsonObject fields;
        try
        {
            fields = WeChatMessageCodec.Read(body, out var format);
            if (format != expected)
            {
                return PassiveReply.Invalid("", $"the route expects {(expected == MessageFormat.Xml ? "XML (text_mode 2)" : "JSON")}");
            }
        }
        catch (FormatException e)
        {
            return PassiveReply.Invalid("", $"not a reply message: {e.Message}");
        }
        var msgType = Text(fields, "MsgType");
        if (msgType is null || !Types.Contains(msgType))
        {
            return PassiveReply.Invalid(msgType ?? "", msgType is null ? "MsgType is missing" : $"MsgType '{msgType}' cannot be a passive reply");
        }
        if (Text(fields, "ToUserName") != message.FromUserName)
        {
            return PassiveReply.Invalid(msgType, "ToUserName must be the openid the message came from");
        }
        var reply = new JsonObject
        {
            ["ToUserName"] = message.FromUserName,
            ["FromUserName"] = Text(fields, "FromUserName") ?? message.ToUserName,
            ["CreateTime"] = long.TryParse(Text(fields, "CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var createTime) ? createTime : now.ToUnixTimeSeconds(),
            ["MsgType"] = msgType,
        };
        var error = msgType switch
        {
            "text" => Copy(fields, reply, ["Content"], []),
            "image" => Nested(fields, reply, "Image", ["MediaId"], []),
            "voice" => Nested(fields, reply, "Voice", ["MediaId"], []),
            "video" => Nested(fields, reply, "Video", ["MediaId"], ["Title", "Description"]),
            "music" => Nested(fields, reply, "Music", ["ThumbMediaId"], ["Title", "Description", "MusicUrl", "HQMusicUrl"]),
            "news" => News(fields, reply),
            _ => TransferInfo(fields, reply),
        };
        return error is null ? new PassiveReply(msgType, reply, null) : PassiveReply.Invalid(msgType, error);
    }

    private static string? Copy(JsonObject from, JsonObject to, string[] required, string[] optional, string? path = null)
    {
        foreach (var name in required)
        {
            if (Text(from, name) is not { Length: > 0 } value)
            {
                return $"{path}{name} is required";
            }
            to[name] = value;
        }
        foreach (var name in optional)
        {
            if (Text(from, name) is { } value)
            {
                to[name] = value;
            }
        }
        return null;
    }

    private static string? Nested(JsonObject fields, JsonObject reply, string name, string[] required, string[] optional)
    {
        if (fields[name] is not JsonObject inner)
        {
            return $"{name} is required";
        }
        var copy = new JsonObject();
        reply[name] = copy;
        return Copy(inner, copy, required, optional, name + ".");
    }

    private static string? News(JsonObject fields, JsonObject reply)
    {
        var items = fields["Articles"] switch
        {
            JsonArray list => list.ToList(),
            JsonObject { } wrapper when wrapper["item"] is JsonArray list => list.ToList(),
            JsonObject { } wrapper when wrapper["item"] is JsonObject one => [one],
            _ => null,
        };
        if (items is null || items.Count is 0 or > MaxArticles)
        {
            return $"Articles must hold 1 to {MaxArticles} items";
        }
        if (!long.TryParse(Text(fields, "ArticleCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count != items.Count)
        {
            return "ArticleCount must be the number of Articles";
        }
        var articles = new JsonArray();
        foreach (var (item, i) in items.Select((item, i) => (item, i)))
        {
            var article = new JsonObject();
            if (item is not JsonObject source)
            {
                return $"Articles[{i}] must be an item";
            }
            if (Copy(source, article, ["Title", "Url"], ["Description", "PicUrl"], $"Articles[{i}].") is { } error)
            {
                return error;
            }
            articles.Add(article);
        }
        reply["ArticleCount"] = items.Count;
        reply["Articles"] = new JsonObject { ["item"] = articles };
        return null;
    }

    private static string? TransferInfo(JsonObject fields, JsonObject reply)
    {
        if (fields["TransInfo"] is JsonObject info && Text(info, "KfAccount") is { } account)
        {
            reply["TransInfo"] = new JsonObject { ["KfAccount"] = account };
        }
        return null;
    }

    /// <summary>A string or number field as text (XML gives bare numbers, such as numeric media ids, as numbers).</summary>
    private static string? Text(JsonObject fields, string name) =>
        fields.TryGetPropertyValue(name, out var node) && node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                _ => null,
            }
            : null;
}
