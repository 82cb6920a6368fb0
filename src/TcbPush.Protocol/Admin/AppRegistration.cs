using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// An app to register with TcbPush (<c>POST /admin/apps</c>, and the <c>apps</c> of a seed file); registering it
/// again updates it. <see cref="AppId"/> and <see cref="Secret"/> are required: the server answers 41002 without them.
/// </summary>
/// <param name="AppId">The app's id.</param>
/// <param name="Secret">The app's secret, for <c>/cgi-bin/token</c>.</param>
/// <param name="Token">The message-push token that signs pushes to <c>/push/{appid}</c>; null for unsigned pushes.</param>
/// <param name="EncodingAesKey">The 43-character EncodingAESKey for safe mode; null for plaintext.</param>
/// <param name="Kind"><c>miniprogram</c> or <c>officialaccount</c>; null keeps an existing app's kind (a new app is a mini program).</param>
public sealed record AppRegistration(
    [property: JsonPropertyName("appid")] string? AppId,
    [property: JsonPropertyName("secret")] string? Secret,
    [property: JsonPropertyName("token")] string? Token = null,
    [property: JsonPropertyName("encoding_aes_key")] string? EncodingAesKey = null,
    [property: JsonPropertyName("kind")] string? Kind = null)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AppId = {AppId}, Secret = {Redaction.Of(Secret)}, Token = {Redaction.Of(Token)}, EncodingAesKey = {Redaction.Of(EncodingAesKey)}, Kind = {Kind}");
        return true;
    }
}
