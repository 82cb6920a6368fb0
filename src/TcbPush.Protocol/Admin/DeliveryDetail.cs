using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>The answer of <c>GET /admin/deliveries/{id}</c>: a delivery with every attempt made for it.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Attempts">Its attempts, oldest first.</param>
public sealed record DeliveryDetail(
    [property: JsonPropertyName("delivery")] DeliveryInfo Delivery,
    [property: JsonPropertyName("attempts")] IReadOnlyList<DeliveryAttemptInfo> Attempts);
