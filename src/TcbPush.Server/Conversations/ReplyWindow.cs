namespace TcbPush.Server.Conversations;

/// <summary>A reply window as opened by one inbound message: what opened it, when, until when, and its quota.</summary>
internal sealed record ReplyWindow(string Trigger, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt, int Quota);
