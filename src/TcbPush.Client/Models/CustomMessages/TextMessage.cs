using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A text message. <c>msgtype</c> <c>text</c>.</summary>
/// <param name="Content">The text, at most 2,048 bytes of UTF-8.</param>
public sealed record TextMessage(
    [property: JsonPropertyName("content")] string Content) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "text";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.TextMessage);
}
