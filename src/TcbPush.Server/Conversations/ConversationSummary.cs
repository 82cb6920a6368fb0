namespace TcbPush.Server.Conversations;

/// <summary>A conversation as listed: the user, its last entry's number and time.</summary>
internal sealed record ConversationSummary(string OpenId, long LastSeq, DateTimeOffset LastAt);
