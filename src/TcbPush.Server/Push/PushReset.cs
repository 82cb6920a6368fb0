namespace TcbPush.Server.Push;

/// <summary>What a reset deleted (conversations with their entries and reply windows).</summary>
internal sealed record PushReset(long Messages, long Deliveries, long Attempts, long Conversations);
