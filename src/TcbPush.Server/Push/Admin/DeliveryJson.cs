using System.Globalization;
using System.Text.Json;

namespace TcbPush.Server.Push.Admin;

/// <summary>Deliveries and attempts as the admin API writes them; times as ISO-8601 UTC.</summary>
internal static class DeliveryJson
{
    public static void Write(Utf8JsonWriter json, DeliveryRecord delivery)
    {
        json.WriteStartObject();
        json.WriteNumber("id", delivery.Id);
        json.WriteString("appid", delivery.AppId);
        json.WriteString("msg_id", delivery.MsgId);
        json.WriteString("msg_type", delivery.MsgType);
        json.WriteString("event", delivery.Event);
        json.WriteString("status", delivery.Status);
        json.WriteString("target", delivery.Target);
        json.WriteString("target_url", delivery.TargetUrl);
        json.WriteNumber("attempts", delivery.Attempts);
        WriteTime(json, "next_attempt_at", delivery.NextAttemptAt);
        WriteTime(json, "created_at", delivery.CreatedAt);
        WriteTime(json, "updated_at", delivery.UpdatedAt);
        WriteNumber(json, "last_status", delivery.LastStatus);
        WriteString(json, "last_error", delivery.LastError);
        WriteNumber(json, "replay_of", delivery.ReplayOf);
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, DeliveryAttempt attempt)
    {
        json.WriteStartObject();
        json.WriteNumber("attempt", attempt.Attempt);
        WriteTime(json, "at", attempt.At);
        json.WriteString("target_url", attempt.TargetUrl);
        WriteNumber(json, "status_code", attempt.StatusCode);
        json.WriteNumber("latency_ms", attempt.LatencyMs);
        json.WriteString("response_excerpt", attempt.ResponseExcerpt);
        WriteString(json, "error", attempt.Error);
        json.WriteEndObject();
    }

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            json.WriteString(name, Time(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>A number, or null when there is none.</summary>
    public static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
