using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A conversation as <c>GET /admin/apps/{appid}/conversations</c> lists it: the user and its last activity.</summary>
/// <param name="OpenId">The user.</param>
/// <param name="LastSeq">The number of its last entry.</param>
/// <param name="LastAt">When its last entry happened (ISO-8601 UTC with milliseconds on the wire).</param>
public sealed record ConversationInfo(
    [property: JsonPropertyName("openid")] string OpenId,
    [property: JsonPropertyName("last_seq")] long LastSeq,
    [property: JsonPropertyName("last_at"), JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset LastAt);

/// <summary>The answer of <c>GET /admin/apps/{appid}/conversations</c>: the most recently active first.</summary>
/// <param name="Conversations">The conversations of the page.</param>
public sealed record ConversationList([property: JsonPropertyName("conversations")] IReadOnlyList<ConversationInfo> Conversations);
