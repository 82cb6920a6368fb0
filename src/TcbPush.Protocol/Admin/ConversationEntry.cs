using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// One entry of a user's conversation with an app, as <c>GET /admin/apps/{appid}/conversations/{openid}</c> and
/// its event stream write it (times as ISO-8601 UTC with milliseconds on the wire).
/// </summary>
/// <param name="AppId">The app.</param>
/// <param name="OpenId">The user.</param>
/// <param name="Seq">The entry's number in the conversation, from 1.</param>
/// <param name="At">When it happened.</param>
/// <param name="Direction"><c>in</c> (from the user) or <c>out</c> (to the user).</param>
/// <param name="Via"><c>push</c>, <c>simulated</c>, <c>passive</c> or <c>active</c>.</param>
/// <param name="MsgType">The message type; <c>typing</c> for a typing change.</param>
/// <param name="Text">One line for a chat: a text's content, else the type in brackets.</param>
/// <param name="Content">The message as a JSON object, in the form it was sent (written as stored, byte for byte).</param>
/// <param name="Status"><c>sent</c>, <c>ignored</c> (a mini program's passive reply) or <c>invalid</c>.</param>
/// <param name="Reason">Why it was ignored or invalid.</param>
/// <param name="DeliveryId">The delivery that brought the message or the passive reply.</param>
public sealed record ConversationEntry(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("openid")] string OpenId,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("at"), JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset At,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("via")] string Via,
    [property: JsonPropertyName("msgtype")] string MsgType,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("content"), JsonConverter(typeof(VerbatimJsonConverter))] JsonElement Content,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("delivery_id")] long? DeliveryId = null);

/// <summary>The answer of <c>GET /admin/apps/{appid}/conversations/{openid}</c>: the entries after a number, oldest first.</summary>
/// <param name="OpenId">The user.</param>
/// <param name="Entries">The entries.</param>
public sealed record ConversationEntries(
    [property: JsonPropertyName("openid")] string OpenId,
    [property: JsonPropertyName("entries")] IReadOnlyList<ConversationEntry> Entries);
