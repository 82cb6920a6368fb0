using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol;

/// <summary>The success body of <c>/cgi-bin/token</c> and <c>/cgi-bin/stable_token</c>.</summary>
public sealed record AccessTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AccessToken = {Redaction.Of(AccessToken)}, ExpiresIn = {ExpiresIn}");
        return true;
    }
}

/// <summary>The body of <c>POST /cgi-bin/stable_token</c>.</summary>
public sealed record StableTokenRequest(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("force_refresh")] bool ForceRefresh = false)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AppId = {AppId}, Secret = {Redaction.Of(Secret)}, ForceRefresh = {ForceRefresh}, GrantType = {GrantType}");
        return true;
    }

    [JsonPropertyName("grant_type")]
    public string GrantType { get; init; } = "client_credential";
}
