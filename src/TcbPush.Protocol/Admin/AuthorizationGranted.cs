using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>The answer of <c>POST /admin/authorizations</c>.</summary>
/// <param name="Changed">False when the same authorization was in force already.</param>
/// <param name="AuthorizerRefreshToken">The refresh token for <c>api_authorizer_token</c>.</param>
public sealed record AuthorizationGranted(
    [property: JsonPropertyName("changed")] bool Changed,
    [property: JsonPropertyName("authorizer_refresh_token")] string AuthorizerRefreshToken)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Changed = {Changed}, AuthorizerRefreshToken = {Redaction.Of(AuthorizerRefreshToken)}");
        return true;
    }
}
