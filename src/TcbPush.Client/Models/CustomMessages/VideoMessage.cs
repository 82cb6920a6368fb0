using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A video (official accounts). <c>msgtype</c> <c>video</c>.</summary>
/// <param name="MediaId">The video's media id.</param>
/// <param name="ThumbMediaId">The cover's media id.</param>
/// <param name="Title">The title.</param>
/// <param name="Description">The description.</param>
public sealed record VideoMessage(
    [property: JsonPropertyName("media_id")] string MediaId,
    [property: JsonPropertyName("thumb_media_id")] string? ThumbMediaId = null,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("description")] string? Description = null) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "video";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.VideoMessage);
}
