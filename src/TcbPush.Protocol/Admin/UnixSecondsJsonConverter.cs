using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A time as WeChat writes it: whole seconds since 1970-01-01 UTC.</summary>
public sealed class UnixSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeSeconds(reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), out var text) ? text : reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
    }
}
