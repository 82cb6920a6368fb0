namespace TcbPush.Server.Conversations;

/// <summary>Wakes the watchers of a conversation (the SSE streams); storage calls it once new entries are committed.</summary>
internal interface IConversationWakeup
{
    void Notify(string appId, string openId);
}
