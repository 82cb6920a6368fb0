namespace TcbPush.Server.Conversations;

/// <summary>
/// Conversations and their reply windows. Inbound entries are written by the push store in the message's own
/// transaction (the window the message opens with them); everything here is one transaction per call.
/// </summary>
internal interface IConversationStore
{
    /// <summary>Whether the user has ever sent the app a message (the 40003 check).</summary>
    Task<bool> IsKnownAsync(string appId, string openId);

    /// <summary>
    /// Atomically, across nodes: checks that the user's reply window is open at <c>entry.At</c> and, when
    /// <paramref name="consumesQuota"/>, has quota left and takes one from it; then appends the entry.
    /// </summary>
    Task<ActiveReplyResult> ReplyAsync(ConversationEntry entry, bool consumesQuota);

    /// <summary>Appends an entry that needs no window (a passive reply); returns it with its number.</summary>
    Task<ConversationEntry> AppendAsync(ConversationEntry entry);

    /// <summary>The passive reply recorded for a delivery, if any (however it was recorded: sent, ignored or invalid).</summary>
    Task<ConversationEntry?> FindPassiveReplyAsync(string appId, string openId, long deliveryId);

    /// <summary>The app's conversations, the most recently active first.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListAsync(string appId, int limit, int offset);

    /// <summary>The conversation's entries numbered after <paramref name="afterSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<ConversationEntry>> EntriesAsync(string appId, string openId, long afterSeq, int limit);
}
