namespace TcbPush.Server.Push.Delivery;

/// <summary>One attempt as it went: the log entry, whether it delivered the message, and the start of the answer's body.</summary>
internal sealed record AttemptResult(DeliveryAttempt Log, bool Delivered, byte[] Body);
