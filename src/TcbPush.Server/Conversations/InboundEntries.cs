using System.Text.Json.Nodes;
using TcbPush.Server.Push;

namespace TcbPush.Server.Conversations;

/// <summary>
/// What a received message adds to its conversation: the inbound entry, and the reply window it opens (if any).
/// The push store writes both in the message's own transaction.
/// </summary>
internal sealed class InboundEntries(ReplyWindowPolicy windows)
{
    public (ConversationEntry Entry, ReplyWindow? Window) For(InboundMessage message, DateTimeOffset now)
    {
        var fields = JsonNode.Parse(message.Payload) as JsonObject ?? [];
        var entry = new ConversationEntry(message.AppId, message.FromUser, 0, now, EntryVocabulary.In,
            message.Simulated ? EntryVocabulary.ViaSimulated : EntryVocabulary.ViaPush, message.MsgType,
            EntryText.FromWeChatFields(fields), System.Text.Encoding.UTF8.GetString(message.Payload), EntryVocabulary.Sent, null, null);
        return (entry, windows.Opens(message.MsgType, message.Event, now));
    }
}
