namespace TcbPush.Server.Push.Delivery;

/// <summary>
/// One attempt as it went: the log entry, whether it delivered the message, and the start of the answer's body.
/// <see cref="Permanent"/> marks a failure no retry can mend (the message cannot be rendered for its target).
/// </summary>
internal sealed record AttemptResult(DeliveryAttempt Log, bool Delivered, byte[] Body, bool Permanent = false);
