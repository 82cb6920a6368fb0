namespace TcbPush.Server.Push;

/// <summary>An attempt of a claimed delivery to log, with the state it moves the delivery to, as of <see cref="At"/>.</summary>
internal sealed record RecordedAttempt(long DeliveryId, DeliveryAttempt Attempt, DeliveryState Next, DateTimeOffset At);
