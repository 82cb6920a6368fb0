using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>An article from the account's material, by media id (official accounts). <c>msgtype</c> <c>mpnews</c>.</summary>
/// <param name="MediaId">The material's media id.</param>
public sealed record MpNewsMessage(
    [property: JsonPropertyName("media_id")] string MediaId) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "mpnews";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.MpNewsMessage);
}
