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
/// it (the synchronous window); the reply is recorded before it is handed over.
/// </summary>
internal sealed class PassiveReplies(IConversationStore store, IAppStore apps, TimeProvider time, IOptions<ConversationOptions> options)
    : IDeliveryAnswerListener, IPassiveReplyWaiter
{
    public const string MiniProgramReason = "passive replies are for official accounts only";
    private const int MaxRecordedBodyChars = 4096;
    private readonly TimeSpan window = options.Value.PassiveReplyWindow;
    private readonly ConcurrentDictionary<(string AppId, string Identity), TaskCompletionSource<JsonObject?>> waits = new();

    public IPassiveReplyWait Expect(string appId, string messageIdentity)
    {
        var key = (appId, messageIdentity);
        var wait = new TaskCompletionSource<JsonObject?>(TaskCreationOptions.RunContinuationsAsynchronously);
        waits[key] = wait;
        return new Wait(this, key, wait);
    }

    public async Task OnAnswerAsync(DeliveryAnswer answer)
    {
        var delivery = answer.Delivery;
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
        await store.AppendAsync(new ConversationEntry(delivery.AppId, delivery.FromUser, 0, now, EntryVocabulary.Out,
            EntryVocabulary.ViaPassive, reply.MsgType.Length == 0 ? "unknown" : reply.MsgType, text, content.ToJsonString(), status, reason,
            delivery.Id));
        return status == EntryVocabulary.Sent ? reply.Fields : null;
    }

    private static string Truncate(string text) => text.Length > MaxRecordedBodyChars ? text[..MaxRecordedBodyChars] : text;

    private sealed class Wait(PassiveReplies owner, (string AppId, string Identity) key, TaskCompletionSource<JsonObject?> reply)
        : IPassiveReplyWait
    {
        private readonly DateTime started = DateTime.UtcNow;

        public async Task<JsonObject?> ReplyAsync(CancellationToken cancellationToken)
        {
            // Real time on purpose: the window bounds a real HTTP exchange with WeChat, even when the server runs on a test clock.
            var left = owner.window - (DateTime.UtcNow - started);
            if (left > TimeSpan.Zero)
            {
                await Task.WhenAny(reply.Task, Task.Delay(left, cancellationToken));
            }
            return reply.Task.IsCompletedSuccessfully ? reply.Task.Result : null;
        }

        public void Dispose() => owner.waits.TryRemove(KeyValuePair.Create(key, reply));
    }
}
