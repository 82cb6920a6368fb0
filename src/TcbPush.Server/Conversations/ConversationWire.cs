using System.Text.Json;
using TcbPush.Protocol.Admin;
using WireEntry = TcbPush.Protocol.Admin.ConversationEntry;

namespace TcbPush.Server.Conversations;

/// <summary>
/// Conversations and their entries as the admin API and the event stream write them: the shared records of
/// <see cref="AdminJson"/>, whose <c>content</c> is the stored JSON, written byte for byte.
/// </summary>
internal static class ConversationWire
{
    public static ConversationInfo ToWire(this ConversationSummary conversation) =>
        new(conversation.OpenId, conversation.LastSeq, conversation.LastAt);

    public static WireEntry ToWire(this ConversationEntry entry) =>
        new(entry.AppId, entry.OpenId, entry.Seq, entry.At, entry.Direction, entry.Via, entry.MsgType, entry.Text,
            JsonElement.Parse(entry.Content), entry.Status, entry.Reason, entry.DeliveryId);

    /// <summary>Writes the list's properties into an answer's envelope, with the writer's own encoding (as stored).</summary>
    public static void WriteProperties(Utf8JsonWriter json, ConversationList list)
    {
        json.WritePropertyName("conversations");
        JsonSerializer.Serialize(json, list.Conversations, AdminJson.Default.IReadOnlyListConversationInfo);
    }

    /// <summary>Writes the entries' properties into an answer's envelope, with the writer's own encoding (as stored).</summary>
    public static void WriteProperties(Utf8JsonWriter json, ConversationEntries entries)
    {
        json.WriteString("openid", entries.OpenId);
        json.WritePropertyName("entries");
        JsonSerializer.Serialize(json, entries.Entries, AdminJson.Default.IReadOnlyListConversationEntry);
    }

    /// <summary>One entry as the data of an event.</summary>
    public static byte[] Serialize(ConversationEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry.ToWire(), AdminJson.Default.ConversationEntry);
}
