using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A link card (mini programs only). <c>msgtype</c> <c>link</c>.</summary>
/// <param name="Title">The card's title.</param>
/// <param name="Url">Where the card leads.</param>
/// <param name="Description">The card's text.</param>
/// <param name="ThumbUrl">The card's picture.</param>
public sealed record LinkMessage(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("thumb_url")] string? ThumbUrl = null) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "link";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.LinkMessage);
}
