using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>One message's delivery to its destination, as TcbPush's delivery log records it (times as ISO-8601 UTC with milliseconds on the wire).</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="AppId">The app the message was pushed to.</param>
/// <param name="MsgId">The message's id.</param>
/// <param name="MsgType">The message type, e.g. <c>text</c> or <c>event</c>.</param>
/// <param name="Event">The event name for <c>event</c> messages, else empty.</param>
/// <param name="Status"><c>pending</c>, <c>delivering</c>, <c>delivered</c>, <c>dead</c> or <c>unrouted</c>.</param>
/// <param name="Target"><c>container</c>, <c>function</c> or <c>none</c>.</param>
/// <param name="TargetUrl">Where the message is delivered; empty when unrouted.</param>
/// <param name="Attempts">How many attempts were made so far.</param>
/// <param name="NextAttemptAt">When the next attempt is due; null when none is.</param>
/// <param name="CreatedAt">When the message was received.</param>
/// <param name="UpdatedAt">When the delivery last changed.</param>
/// <param name="LastStatus">The HTTP status of the last attempt; null when it got no answer or none was made.</param>
/// <param name="LastError">What went wrong in the last attempt, if anything.</param>
/// <param name="ReplayOf">The delivery this one replays, if it is a replay.</param>
public sealed record DeliveryInfo(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("msg_id")] string MsgId,
    [property: JsonPropertyName("msg_type")] string MsgType,
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("target_url")] string? TargetUrl,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("next_attempt_at"), JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset? NextAttemptAt,
    [property: JsonPropertyName("created_at"), JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at"), JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("last_status")] int? LastStatus,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("replay_of")] long? ReplayOf);

/// <summary>The answer of <c>GET /admin/deliveries</c>: a page of the delivery log, newest first.</summary>
/// <param name="Deliveries">The deliveries of the page.</param>
public sealed record DeliveryList([property: JsonPropertyName("deliveries")] IReadOnlyList<DeliveryInfo> Deliveries);
