using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>The answer of <c>POST /admin/authorization_codes</c>.</summary>
/// <param name="AuthorizationCode">The code to exchange with <c>api_query_auth</c>.</param>
/// <param name="ExpiresIn">Its lifetime in seconds (600).</param>
public sealed record AuthorizationCodeResponse(
    [property: JsonPropertyName("authorization_code")] string AuthorizationCode,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
