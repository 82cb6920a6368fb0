namespace TcbPush.Server.Conversations;

/// <summary>The words of a conversation entry's direction, via and status, as stored and shown.</summary>
internal static class EntryVocabulary
{
    public const string In = "in";
    public const string Out = "out";

    public const string ViaPush = "push";
    public const string ViaSimulated = "simulated";
    public const string ViaPassive = "passive";
    public const string ViaActive = "active";

    public const string Sent = "sent";
    public const string Ignored = "ignored";
    public const string Invalid = "invalid";

    /// <summary>The msgtype of a typing change; its content is <c>{"command":"Typing"|"CancelTyping"}</c>.</summary>
    public const string Typing = "typing";
}
