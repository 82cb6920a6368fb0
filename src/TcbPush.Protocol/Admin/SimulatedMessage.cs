using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A message to inject for an app as if a user had sent it (<c>POST /admin/apps/{appid}/messages</c>).</summary>
/// <param name="Type">The message type: <c>text</c>, <c>image</c>, <c>miniprogrampage</c> or <c>event</c>; required (41002 without it).</param>
/// <param name="Content">The text (for <c>text</c>); the server chooses a default when null.</param>
/// <param name="Event">The event name (for <c>event</c>), e.g. <c>user_enter_tempsession</c>.</param>
/// <param name="From">The sender's openid; the server chooses one when null.</param>
public sealed record SimulatedMessage(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("content")] string? Content = null,
    [property: JsonPropertyName("event")] string? Event = null,
    [property: JsonPropertyName("from")] string? From = null);
