using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A registered third-party platform as <c>GET /admin/components</c> lists it; no secret, no ticket.</summary>
/// <param name="ComponentAppId">The platform's appid.</param>
/// <param name="TicketReceivedAt">When its latest verify ticket arrived (Unix seconds on the wire).</param>
/// <param name="TicketExpiresAt">When that ticket stops being accepted (Unix seconds on the wire).</param>
public sealed record ComponentInfo(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("ticket_received_at"), JsonConverter(typeof(UnixSecondsJsonConverter))] DateTimeOffset TicketReceivedAt,
    [property: JsonPropertyName("ticket_expires_at"), JsonConverter(typeof(UnixSecondsJsonConverter))] DateTimeOffset TicketExpiresAt);

/// <summary>The answer of <c>GET /admin/components</c>.</summary>
/// <param name="Components">Every registered platform.</param>
public sealed record ComponentList([property: JsonPropertyName("components")] IReadOnlyList<ComponentInfo> Components);
