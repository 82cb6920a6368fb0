namespace TcbPush.Server.Conversations;

/// <summary>An inbound message of kind <see cref="Trigger"/> lets the app send <see cref="Quota"/> active replies within <see cref="Lifetime"/>.</summary>
public sealed record ReplyWindowRule(string Trigger, int Quota, TimeSpan Lifetime)
{
    /// <summary>The trigger that stands for any user message (every MsgType but <c>event</c>).</summary>
    public const string AnyMessage = "message";
}
