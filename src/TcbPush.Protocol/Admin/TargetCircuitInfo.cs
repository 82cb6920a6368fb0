using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// A delivery target's circuit, as one TcbPush node sees it (times as ISO-8601 UTC with milliseconds on the wire). A
/// target that keeps failing is backed off: while its circuit is open its deliveries wait and hold no slots.
/// </summary>
/// <param name="TargetUrl">The target URL (base URL and path) deliveries are posted to.</param>
/// <param name="State"><c>closed</c> (delivering normally, with failures counted), <c>open</c> (backed off until <paramref name="RetryAt"/>) or <c>half-open</c> (one trial attempt at a time; a success closes it, a failure opens it again for twice as long).</param>
/// <param name="ConsecutiveFailures">Attempts to the target that failed since its last success.</param>
/// <param name="OpenedAt">When the circuit last opened; null when it has not opened since the last success.</param>
/// <param name="RetryAt">When an open circuit half-opens; null when it has not opened since the last success.</param>
public sealed record TargetCircuitInfo(
    [property: JsonPropertyName("target_url")] string TargetUrl,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("consecutive_failures")] int ConsecutiveFailures,
    [property: JsonPropertyName("opened_at"), JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset? OpenedAt,
    [property: JsonPropertyName("retry_at"), JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset? RetryAt);

/// <summary>The answer of <c>GET /admin/targets</c>: the targets with failures since their last success, by URL.</summary>
/// <param name="Targets">The targets; a target absent here is closed with no failures.</param>
public sealed record TargetCircuitList([property: JsonPropertyName("targets")] IReadOnlyList<TargetCircuitInfo> Targets);
