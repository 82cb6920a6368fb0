namespace TcbPush.Server.Push;

/// <summary>What a reset deleted.</summary>
internal sealed record PushReset(long Messages, long Deliveries, long Attempts);
