using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A voice message (official accounts). <c>msgtype</c> <c>voice</c>.</summary>
/// <param name="MediaId">The recording's media id.</param>
public sealed record VoiceMessage(
    [property: JsonPropertyName("media_id")] string MediaId) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "voice";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.VoiceMessage);
}
