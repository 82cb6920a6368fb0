using System.Text.Json;
using System.Text.Json.Nodes;

namespace TcbPush.Server.Conversations;

/// <summary>
/// One line for a conversation entry, as a chat shows it: a text message's content, else the message type in
/// brackets with what names it (<c>[image]</c>, <c>[event subscribe]</c>, <c>[news Title]</c>).
/// </summary>
internal static class EntryText
{
    private const int MaxChars = 2048;

    /// <summary>For a message in WeChat's push or passive-reply form (<c>MsgType</c>, <c>Content</c>, …).</summary>
    public static string FromWeChatFields(JsonObject fields)
    {
        var msgType = Scalar(fields, "MsgType") ?? "";
        return Cap(msgType switch
        {
            "text" => Scalar(fields, "Content") ?? "",
            "event" => Bracket("event", Scalar(fields, "Event")),
            "news" => Bracket("news", FirstArticleTitle(fields["Articles"])),
            "video" => Bracket("video", Scalar(fields["Video"] as JsonObject, "Title")),
            "music" => Bracket("music", Scalar(fields["Music"] as JsonObject, "Title")),
            "transfer_customer_service" => "[transfer to customer service]",
            _ => Bracket(msgType, Scalar(fields, "Title") ?? Scalar(fields, "Label")),
        });
    }

    /// <summary>For a custom/send message: its msgtype and that msgtype's object.</summary>
    public static string FromCustomMessage(string msgType, JsonObject body) => Cap(msgType switch
    {
        "text" => Scalar(body, "content") ?? "",
        "news" => Bracket("news", (body["articles"] as JsonArray)?.FirstOrDefault() is JsonObject article ? Scalar(article, "title") : null),
        "msgmenu" => Bracket("msgmenu", Scalar(body, "head_content")),
        _ => Bracket(msgType, Scalar(body, "title")),
    });

    private static string? FirstArticleTitle(JsonNode? articles) => articles switch
    {
        JsonArray list => Scalar(list.FirstOrDefault() as JsonObject, "Title"),
        JsonObject { } wrapper when wrapper["item"] is JsonArray items => Scalar(items.FirstOrDefault() as JsonObject, "Title"),
        JsonObject { } wrapper when wrapper["item"] is JsonObject item => Scalar(item, "Title"),
        _ => null,
    };

    private static string Bracket(string kind, string? name) => string.IsNullOrEmpty(name) ? $"[{kind}]" : $"[{kind} {name}]";

    private static string Cap(string text) => text.Length > MaxChars ? text[..MaxChars] : text;

    private static string? Scalar(JsonObject? fields, string name) =>
        fields is not null && fields.TryGetPropertyValue(name, out var node) && node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                _ => null,
            }
            : null;
}
