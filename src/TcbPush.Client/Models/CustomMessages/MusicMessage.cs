using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A music message (official accounts). <c>msgtype</c> <c>music</c>.</summary>
/// <param name="Title">The title.</param>
/// <param name="Description">The description.</param>
/// <param name="MusicUrl">The music's URL.</param>
/// <param name="HqMusicUrl">The high-quality music's URL (Wi-Fi).</param>
/// <param name="ThumbMediaId">The cover's media id.</param>
public sealed record MusicMessage(
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("musicurl")] string? MusicUrl = null,
    [property: JsonPropertyName("hqmusicurl")] string? HqMusicUrl = null,
    [property: JsonPropertyName("thumb_media_id")] string? ThumbMediaId = null) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "music";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.MusicMessage);
}
