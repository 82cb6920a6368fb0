using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A time as the delivery log writes it: ISO-8601 UTC with milliseconds, <c>2025-01-31T08:00:00.123Z</c>.</summary>
public sealed class UtcMillisecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
