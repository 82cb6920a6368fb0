namespace TcbPush.Server.Push;

/// <summary>What one batch of the retention sweep deleted.</summary>
internal sealed record RetentionSweep(long Deliveries, long Attempts, long Messages, long ConversationEntries);
