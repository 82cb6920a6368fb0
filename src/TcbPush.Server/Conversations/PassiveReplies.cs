using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Apps;
using TcbPush.Server.Push;

namespace TcbPush.Server.Conversations;

/// <summary>
/// SPEC §10.2. Reads every delivered answer as a possible passive reply and records it in the conversation: an
/// official account's valid reply as <c>sent</c>, a mini program's as <c>ignored</c>, a malformed one as
/// <c>invalid</c> with the reason. It also hands the first attempt's reply to the ingress request still waiting for
/// it (the synchronous window); the reply is recorded before it is handed over. When the first attempt is made on
/// another node (PostgreSQL), the waiting request finds the reply's entry when that node's notification wakes it.
/// </summary>
internal sealed class PassiveReplies(
    IConversationStore store, IAppStore apps, ConversationSignal signal, ReplyMetrics metrics, TimeProvider time, IOptions<ConversationOptions> options)
    : IDeliveryAnswerListener, IPassiveReplyWaiter
{
    public const string MiniProgramReason = "passive replies are for official accounts only";
    private const int MaxRecordedBodyChars = 4096;
    private readonly TimeSpan window = options.Value.PassiveReplyWindow;
    private readonly IConversationStore conversations = store;
    private readonly ConversationSignal watchers = signal;
    private readonly ConcurrentDictionary<(string AppId, string Identity), TaskCompletionSource<JsonObject?>> waits = new();

    public IPassiveReplyWait Expect(string appId, PushedMessage message)
    {
        var key = (appId, message.Identity);
        var wait = new TaskCompletionSource<JsonObject?>(TaskCreationOptions.RunContinuationsAsynchronously);
        waits[key] = wait;
        return new Wait(this, key, message.FromUserName, wait);
    }

    public async Task OnAnswerAsync(DeliveryAnswer answer)
    {
        var delivery = answer.Delivery;
        // Most answers hold no reply and nobody waits for them: the message is not even parsed (SPEC §10.2 costs nothing then).
        if (waits.IsEmpty && (!answer.Delivered || PassiveReplyParser.IsNoReply(answer.Body)))
        {
            return;
        }
        var message = PushedMessage.Parse(delivery.Payload);
        JsonObject? forUser = null;
        try
        {
            if (answer.Delivered)
            {
                forUser = await RecordAsync(delivery, message, answer.Body);
            }
        }
        finally
        {
            if (answer.Attempt == 1 && waits.TryRemove((delivery.AppId, message.Identity), out var wait))
            {
                wait.TrySetResult(forUser);
            }
        }
    }

    /// <summary>Records the reply the answer holds, if any; returns it when it is to reach the user.</summary>
    private async Task<JsonObject?> RecordAsync(ClaimedDelivery delivery, PushedMessage message, byte[] body)
    {
        var now = time.GetUtcNow();
        var reply = PassiveReplyParser.Parse(body, delivery.Format, message, now);
        if (reply.IsNone)
        {
            return null;
        }
        var app = await apps.FindAsync(delivery.AppId);
        var (status, reason) = reply.IsValid
            ? app is { IsOfficialAccount: true } ? (EntryVocabulary.Sent, (string?)null) : (EntryVocabulary.Ignored, MiniProgramReason)
            : (EntryVocabulary.Invalid, reply.Reason);
        var content = reply.Fields ?? new JsonObject { ["body"] = Truncate(Encoding.UTF8.GetString(body)) };
        var text = reply.Fields is { } fields ? EntryText.FromWeChatFields(fields) : "[invalid passive reply]";
        await conversations.AppendAsync(new ConversationEntry(delivery.AppId, delivery.FromUser, 0, now, EntryVocabulary.Out,
            EntryVocabulary.ViaPassive, reply.MsgType.Length == 0 ? "unknown" : reply.MsgType, text, content.ToJsonString(), status, reason,
            delivery.Id));
        metrics.Replied(EntryVocabulary.ViaPassive, status);
        return status == EntryVocabulary.Sent ? reply.Fields : null;
    }

    private static string Truncate(string text) => text.Length > MaxRecordedBodyChars ? text[..MaxRecordedBodyChars] : text;

    private sealed class Wait(PassiveReplies owner, (string AppId, string Identity) key, string openId, TaskCompletionSource<JsonObject?> reply)
        : IPassiveReplyWait
    {
        private readonly DateTime started = DateTime.UtcNow;

        public async Task<JsonObject?> ReplyAsync(long deliveryId, CancellationToken cancellationToken)
        {
            // Real time on purpose: the window bounds a real HTTP exchange with WeChat, even when the server runs on a test clock.
            using var windowEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            windowEnd.CancelAfter(Max(owner.window - (DateTime.UtcNow - started), TimeSpan.Zero));
            var closed = Task.Delay(Timeout.Infinite, windowEnd.Token);
            while (!reply.Task.IsCompleted && !closed.IsCompleted)
            {
                var changed = owner.watchers.NextAsync(key.AppId, openId);
                // This node's attempt hands the reply over directly; another node's is found by its entry.
                if (await owner.conversations.FindPassiveReplyAsync(key.AppId, openId, deliveryId) is { } entry)
                {
                    return entry.Status == EntryVocabulary.Sent ? JsonNode.Parse(entry.Content) as JsonObject : null;
                }
                await Task.WhenAny(reply.Task, changed, closed);
            }
            return reply.Task.IsCompletedSuccessfully ? reply.Task.Result : null;
        }

        public void Dispose() => owner.waits.TryRemove(KeyValuePair.Create(key, reply));

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }
}
