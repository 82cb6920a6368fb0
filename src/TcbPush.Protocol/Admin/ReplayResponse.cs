using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>The answer of <c>POST /admin/deliveries/{id}/replay</c>.</summary>
/// <param name="DeliveryId">The new delivery made for the replayed one.</param>
public sealed record ReplayResponse([property: JsonPropertyName("delivery_id")] long DeliveryId);
