namespace TcbPush.Server.Push.Delivery;

/// <summary>One attempt as it went: the log entry, and whether it delivered the message.</summary>
internal sealed record AttemptResult(DeliveryAttempt Log, bool Delivered);
