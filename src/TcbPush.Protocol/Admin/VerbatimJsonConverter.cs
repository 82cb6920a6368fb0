using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// A JSON value written exactly as it was read or stored (its raw text, not re-encoded), e.g. a conversation entry's
/// <c>content</c>, so that what the server stored is what the client receives, byte for byte.
/// </summary>
public sealed class VerbatimJsonConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value.GetRawText(), skipInputValidation: false);
    }
}
