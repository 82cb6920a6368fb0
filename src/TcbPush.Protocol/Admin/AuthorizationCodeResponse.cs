using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>The answer of <c>POST /admin/authorization_codes</c>.</summary>
/// <param name="AuthorizationCode">The code to exchange with <c>api_query_auth</c>.</param>
/// <param name="ExpiresIn">Its lifetime in seconds (600).</param>
public sealed record AuthorizationCodeResponse(
    [property: JsonPropertyName("authorization_code")] string AuthorizationCode,
    [property: JsonPropertyName("expires_in")] int ExpiresIn)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AuthorizationCode = {Redaction.Of(AuthorizationCode)}, ExpiresIn = {ExpiresIn}");
        return true;
    }
}
