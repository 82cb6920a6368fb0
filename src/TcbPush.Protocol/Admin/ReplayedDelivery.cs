using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A replayed delivery and the new delivery made for it.</summary>
/// <param name="Id">The delivery that was replayed.</param>
/// <param name="DeliveryId">The new delivery.</param>
public sealed record ReplayedDelivery(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("delivery_id")] long DeliveryId);

/// <summary>The answer of <c>POST /admin/deliveries/replay</c>.</summary>
/// <param name="Replayed">Each replayed delivery with its new one, oldest first.</param>
public sealed record ReplayedDeliveries([property: JsonPropertyName("replayed")] IReadOnlyList<ReplayedDelivery> Replayed);
