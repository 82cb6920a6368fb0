using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A card or coupon (official accounts). <c>msgtype</c> <c>wxcard</c>.</summary>
/// <param name="CardId">The card's id.</param>
public sealed record WxCardMessage(
    [property: JsonPropertyName("card_id")] string CardId) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "wxcard";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.WxCardMessage);
}
