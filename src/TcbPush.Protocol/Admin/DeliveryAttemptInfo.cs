using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>One attempt to deliver a message.</summary>
/// <param name="Attempt">The attempt's number, from 1.</param>
/// <param name="At">When it was made (ISO-8601 UTC with milliseconds on the wire).</param>
/// <param name="TargetUrl">Where it was sent.</param>
/// <param name="StatusCode">The HTTP status answered; null when there was no answer.</param>
/// <param name="LatencyMs">How long the target took, in milliseconds.</param>
/// <param name="ResponseExcerpt">The start of the target's answer.</param>
/// <param name="Error">What went wrong, if anything.</param>
public sealed record DeliveryAttemptInfo(
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("at"), JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset At,
    [property: JsonPropertyName("target_url")] string? TargetUrl,
    [property: JsonPropertyName("status_code")] int? StatusCode,
    [property: JsonPropertyName("latency_ms")] long LatencyMs,
    [property: JsonPropertyName("response_excerpt")] string? ResponseExcerpt,
    [property: JsonPropertyName("error")] string? Error);
