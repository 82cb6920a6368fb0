namespace TcbPush.Server.Conversations;

/// <summary>What became of an active reply or typing change: stored as <see cref="Entry"/>, or refused for want of a window or of quota.</summary>
internal sealed record ActiveReplyResult(ConversationEntry? Entry, ActiveReplyRefusal Refusal)
{
    public static ActiveReplyResult NoWindow { get; } = new(null, ActiveReplyRefusal.NoWindow);

    public static ActiveReplyResult QuotaUsed { get; } = new(null, ActiveReplyRefusal.QuotaUsed);
}

/// <summary>Why an active reply was not stored (45015, 45047).</summary>
internal enum ActiveReplyRefusal
{
    None,
    NoWindow,
    QuotaUsed,
}
