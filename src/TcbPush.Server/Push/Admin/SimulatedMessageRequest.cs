using System.Text.Json.Serialization;

namespace TcbPush.Server.Push.Admin;

/// <summary>The body of <c>POST /admin/apps/{appid}/messages</c>.</summary>
internal sealed record SimulatedMessageRequest(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("content")] string? Content = null,
    [property: JsonPropertyName("event")] string? Event = null,
    [property: JsonPropertyName("from")] string? From = null);
