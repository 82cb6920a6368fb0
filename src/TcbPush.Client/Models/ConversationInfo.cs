using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A conversation as listed: the user and its last activity.</summary>
/// <param name="OpenId">The user.</param>
/// <param name="LastSeq">The number of its last entry.</param>
/// <param name="LastAt">When its last entry happened.</param>
public sealed record ConversationInfo(
    [property: JsonPropertyName("openid")] string OpenId,
    [property: JsonPropertyName("last_seq")] long LastSeq,
    [property: JsonPropertyName("last_at")] DateTimeOffset LastAt);
