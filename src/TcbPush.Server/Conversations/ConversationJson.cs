using System.Globalization;
using System.Text.Json;

namespace TcbPush.Server.Conversations;

/// <summary>Conversations and their entries as the admin API and the event stream write them; times as ISO-8601 UTC.</summary>
internal static class ConversationJson
{
    public static void Write(Utf8JsonWriter json, ConversationSummary conversation)
    {
        json.WriteStartObject();
        json.WriteString("openid", conversation.OpenId);
        json.WriteNumber("last_seq", conversation.LastSeq);
        json.WriteString("last_at", Time(conversation.LastAt));
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, ConversationEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("appid", entry.AppId);
        json.WriteString("openid", entry.OpenId);
        json.WriteNumber("seq", entry.Seq);
        json.WriteString("at", Time(entry.At));
        json.WriteString("direction", entry.Direction);
        json.WriteString("via", entry.Via);
        json.WriteString("msgtype", entry.MsgType);
        json.WriteString("text", entry.Text);
        json.WritePropertyName("content");
        json.WriteRawValue(entry.Content, skipInputValidation: false);
        json.WriteString("status", entry.Status);
        if (entry.Reason is null)
        {
            json.WriteNull("reason");
        }
        else
        {
            json.WriteString("reason", entry.Reason);
        }
        if (entry.DeliveryId is { } deliveryId)
        {
            json.WriteNumber("delivery_id", deliveryId);
        }
        else
        {
            json.WriteNull("delivery_id");
        }
        json.WriteEndObject();
    }

    public static byte[] Serialize(ConversationEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, entry);
        }
        return buffer.ToArray();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
