using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A mini program page card. <c>msgtype</c> <c>miniprogrampage</c>.</summary>
/// <param name="Title">The card's title.</param>
/// <param name="PagePath">The page the card opens.</param>
/// <param name="ThumbMediaId">The card's picture, by media id.</param>
/// <param name="AppId">The mini program (official accounts; SKIT always sends it).</param>
public sealed record MiniProgramPageMessage(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("pagepath")] string PagePath,
    [property: JsonPropertyName("thumb_media_id")] string ThumbMediaId,
    [property: JsonPropertyName("appid")] string? AppId = null) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "miniprogrampage";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.MiniProgramPageMessage);
}
