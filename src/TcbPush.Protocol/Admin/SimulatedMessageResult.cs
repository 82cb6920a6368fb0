using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>What became of an injected message.</summary>
/// <param name="MsgId">The message's id.</param>
/// <param name="DeliveryId">The delivery created for it (an unrouted message gets one too, in status <c>unrouted</c>); null for a duplicate.</param>
/// <param name="Status"><c>pending</c>, <c>unrouted</c> or <c>duplicate</c>.</param>
public sealed record SimulatedMessageResult(
    [property: JsonPropertyName("msg_id")] string MsgId,
    [property: JsonPropertyName("delivery_id")] long? DeliveryId,
    [property: JsonPropertyName("status")] string Status);
