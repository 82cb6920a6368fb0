using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>One message's delivery to its destination, as TcbPush's delivery log records it.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="AppId">The app the message was pushed to.</param>
/// <param name="MsgId">The message's id.</param>
/// <param name="MsgType">The message type, e.g. <c>text</c> or <c>event</c>.</param>
/// <param name="Status"><c>pending</c>, <c>delivering</c>, <c>delivered</c>, <c>dead</c> or <c>unrouted</c>.</param>
/// <param name="Target"><c>container</c>, <c>function</c> or <c>none</c>.</param>
/// <param name="Attempts">How many attempts were made so far.</param>
/// <param name="CreatedAt">When the message was received.</param>
/// <param name="UpdatedAt">When the delivery last changed.</param>
/// <param name="Event">The event name for <c>event</c> messages, else empty.</param>
/// <param name="TargetUrl">Where the message is delivered; null when unrouted.</param>
/// <param name="NextAttemptAt">When the next attempt is due; null when none is.</param>
/// <param name="LastStatus">The HTTP status of the last attempt; null when it got no answer or none was made.</param>
/// <param name="LastError">What went wrong in the last attempt, if anything.</param>
/// <param name="ReplayOf">The delivery this one replays, if it is a replay.</param>
public sealed record Delivery(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("msg_id")] string MsgId,
    [property: JsonPropertyName("msg_type")] string MsgType,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("event")] string? Event = null,
    [property: JsonPropertyName("target_url")] string? TargetUrl = null,
    [property: JsonPropertyName("next_attempt_at")] DateTimeOffset? NextAttemptAt = null,
    [property: JsonPropertyName("last_status")] int? LastStatus = null,
    [property: JsonPropertyName("last_error")] string? LastError = null,
    [property: JsonPropertyName("replay_of")] long? ReplayOf = null);

/// <summary>One attempt to deliver a message.</summary>
/// <param name="Attempt">The attempt's number, from 1.</param>
/// <param name="At">When it was made.</param>
/// <param name="TargetUrl">Where it was sent.</param>
/// <param name="StatusCode">The HTTP status answered; null when there was no answer.</param>
/// <param name="LatencyMs">How long the target took, in milliseconds.</param>
/// <param name="ResponseExcerpt">The start of the target's answer.</param>
/// <param name="Error">What went wrong, if anything.</param>
public sealed record DeliveryAttempt(
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("target_url")] string? TargetUrl = null,
    [property: JsonPropertyName("status_code")] int? StatusCode = null,
    [property: JsonPropertyName("latency_ms")] long? LatencyMs = null,
    [property: JsonPropertyName("response_excerpt")] string? ResponseExcerpt = null,
    [property: JsonPropertyName("error")] string? Error = null);

/// <summary>A delivery with every attempt made for it (<c>GET /admin/deliveries/{id}</c>).</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Attempts">Its attempts, oldest first.</param>
public sealed record DeliveryDetail(
    [property: JsonPropertyName("delivery")] Delivery Delivery,
    [property: JsonPropertyName("attempts")] IReadOnlyList<DeliveryAttempt> Attempts);

/// <summary>A replayed delivery and the new delivery made for it.</summary>
/// <param name="Id">The delivery that was replayed.</param>
/// <param name="DeliveryId">The new delivery.</param>
public sealed record ReplayedDelivery(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("delivery_id")] long DeliveryId);
