namespace TcbPush.Server.Push;

/// <summary>One attempt of a delivery as logged: HTTP status (null when none came back), latency, the answer's start, the error.</summary>
internal sealed record DeliveryAttempt(
    int Attempt, DateTimeOffset At, string TargetUrl, int? StatusCode, long LatencyMs, string ResponseExcerpt, string? Error);
