using System.Collections.Concurrent;

namespace TcbPush.Server.Conversations;

/// <summary>
/// This node's watchers of conversations: each waits for the next <see cref="Notify"/> of its conversation. A
/// watcher takes its wait before it reads, so an entry committed between the read and the wait still wakes it.
/// </summary>
internal sealed class ConversationSignal : IConversationWakeup
{
    private readonly ConcurrentDictionary<(string AppId, string OpenId), TaskCompletionSource> waits = new();

    /// <summary>A task that completes at the conversation's next notification.</summary>
    public Task NextAsync(string appId, string openId) =>
        waits.GetOrAdd((appId, openId), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string appId, string openId)
    {
        if (waits.TryRemove((appId, openId), out var wait))
        {
            wait.TrySetResult();
        }
    }
}
