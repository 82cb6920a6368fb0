using System.Text.Json;
using System.Text.Json.Nodes;
using TcbPush.Protocol;
using TcbPush.Server.Apps;

namespace TcbPush.Server.Conversations;

/// <summary>
/// custom/send and custom/typing after the common checks (SPEC §10.3): 40003 for a user the app has never heard
/// from, then the message's own checks, then the reply window: 45015 when none is open, 45047 when its quota is
/// used. A reply that passes is stored in the conversation in the same transaction that takes it from the quota.
/// </summary>
internal sealed class ActiveReplies(IConversationStore store, IAppStore apps, ReplyMetrics metrics, TimeProvider time)
{
    public async Task<WeChatError?> SendAsync(string appId, JsonElement body)
    {
        if (await KnownUserAsync(appId, body) is not { } openId)
        {
            return new WeChatError(ErrCode.InvalidOpenId);
        }
        var kind = (await apps.FindAsync(appId))?.Kind ?? AppKind.MiniProgram;
        var validated = CustomMessageRules.Validate(body, kind);
        if (validated.Error is { } invalid)
        {
            return invalid;
        }
        var (msgType, message) = validated.Value;
        var content = new JsonObject { ["msgtype"] = msgType, [msgType] = message };
        if (body.TryGet("customservice", out var customService) && customService.ValueKind == JsonValueKind.Object)
        {
            content["customservice"] = JsonNode.Parse(customService.GetRawText());
        }
        var entry = new ConversationEntry(appId, openId, 0, time.GetUtcNow(), EntryVocabulary.Out, EntryVocabulary.ViaActive, msgType,
            EntryText.FromCustomMessage(msgType, message), content.ToJsonString(), EntryVocabulary.Sent, null, null);
        var result = await store.ReplyAsync(entry, consumesQuota: true);
        metrics.Replied(EntryVocabulary.ViaActive, result.Refusal switch
        {
            ActiveReplyRefusal.NoWindow => ReplyMetrics.NoWindow,
            ActiveReplyRefusal.QuotaUsed => ReplyMetrics.QuotaUsed,
            _ => EntryVocabulary.Sent,
        });
        return Refusal(result);
    }

    public async Task<WeChatError?> TypingAsync(string appId, JsonElement body)
    {
        if (await KnownUserAsync(appId, body) is not { } openId)
        {
            return new WeChatError(ErrCode.InvalidOpenId);
        }
        var command = CustomMessageRules.NonEmptyString(body, "command");
        if (command is not ("Typing" or "CancelTyping"))
        {
            return new WeChatError(ErrCode.InvalidArgs, "command must be Typing or CancelTyping");
        }
        var entry = new ConversationEntry(appId, openId, 0, time.GetUtcNow(), EntryVocabulary.Out, EntryVocabulary.ViaActive,
            EntryVocabulary.Typing, command == "Typing" ? "[typing]" : "[typing cancelled]",
            new JsonObject { ["command"] = command }.ToJsonString(), EntryVocabulary.Sent, null, null);
        return Refusal(await store.ReplyAsync(entry, consumesQuota: false));
    }

    private async Task<string?> KnownUserAsync(string appId, JsonElement body) =>
        CustomMessageRules.NonEmptyString(body, "touser") is { } openId && await store.IsKnownAsync(appId, openId) ? openId : null;

    private static WeChatError? Refusal(ActiveReplyResult result) => result.Refusal switch
    {
        ActiveReplyRefusal.NoWindow => new WeChatError(ErrCode.ResponseOutOfTimeLimit),
        ActiveReplyRefusal.QuotaUsed => new WeChatError(ErrCode.OutOfResponseCountLimit),
        _ => null,
    };
}
