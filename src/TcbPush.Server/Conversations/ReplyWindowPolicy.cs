using Microsoft.Extensions.Options;

namespace TcbPush.Server.Conversations;

/// <summary>Which reply window, if any, an inbound message opens (the rules of <see cref="ConversationOptions.ReplyWindows"/>).</summary>
internal sealed class ReplyWindowPolicy(IOptions<ConversationOptions> options)
{
    private readonly IReadOnlyList<ReplyWindowRule> rules = options.Value.ReplyWindows;

    /// <summary>The window a message of <paramref name="msgType"/> (and <paramref name="event"/>) received at <paramref name="now"/> opens; null for none.</summary>
    public ReplyWindow? Opens(string msgType, string @event, DateTimeOffset now)
    {
        var trigger = msgType == "event" ? @event : ReplyWindowRule.AnyMessage;
        return rules.FirstOrDefault(r => r.Trigger == trigger) is { } rule
            ? new ReplyWindow(rule.Trigger, now, now + rule.Lifetime, rule.Quota)
            : null;
    }
}
