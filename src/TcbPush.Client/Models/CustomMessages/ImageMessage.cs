using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>An image, by the media id of an uploaded image. <c>msgtype</c> <c>image</c>.</summary>
/// <param name="MediaId">The image's media id.</param>
public sealed record ImageMessage(
    [property: JsonPropertyName("media_id")] string MediaId) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "image";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.ImageMessage);
}
