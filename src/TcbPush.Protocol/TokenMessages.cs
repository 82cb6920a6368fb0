using System.Text.Json.Serialization;

namespace TcbPush.Protocol;

/// <summary>The success body of <c>/cgi-bin/token</c> and <c>/cgi-bin/stable_token</c>.</summary>
public sealed record AccessTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>The body of <c>POST /cgi-bin/stable_token</c>.</summary>
public sealed record StableTokenRequest(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("force_refresh")] bool ForceRefresh = false)
{
    [JsonPropertyName("grant_type")]
    public string GrantType { get; init; } = "client_credential";
}
