namespace TcbPush.Server.Conversations;

/// <summary>Replies and conversations (SPEC §10): WeChat's reply rules as data, and the synchronous window.</summary>
public sealed class ConversationOptions
{
    /// <summary>
    /// How long ingress waits, for an official account, for the first attempt of a message's delivery so that it can
    /// answer the push with the passive reply (SPEC §10.2); under WeChat's 5 s timeout. Zero turns the wait off.
    /// </summary>
    public TimeSpan PassiveReplyWindow { get; set; } = TimeSpan.FromSeconds(4.5);

    /// <summary>
    /// Which inbound messages open a reply window, with its quota and lifetime (SPEC §10.3, WeChat's rules since June
    /// 2023). <see cref="ReplyWindowRule.AnyMessage"/> stands for every message that is not an event; other triggers
    /// are event names. The newest trigger's window replaces the previous one.
    /// </summary>
    public IReadOnlyList<ReplyWindowRule> ReplyWindows { get; set; } =
    [
        new(ReplyWindowRule.AnyMessage, 5, TimeSpan.FromHours(48)),
        new("subscribe", 3, TimeSpan.FromMinutes(1)),
        new("CLICK", 3, TimeSpan.FromMinutes(1)),
        new("SCAN", 3, TimeSpan.FromMinutes(1)),
        new("user_enter_tempsession", 3, TimeSpan.FromMinutes(1)),
    ];
}
