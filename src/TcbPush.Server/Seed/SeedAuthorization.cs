using System.Text.Json.Serialization;

namespace TcbPush.Server.Seed;

/// <summary>A seed's authorization: its refresh token in plain text, or (as exported) as its digest.</summary>
internal sealed record SeedAuthorization(
    [property: JsonPropertyName("component_appid")] string? ComponentAppId,
    [property: JsonPropertyName("authorizer_appid")] string? AuthorizerAppId,
    [property: JsonPropertyName("permission_sets")] IReadOnlyList<int>? PermissionSets,
    [property: JsonPropertyName("authorizer_refresh_token")] string? AuthorizerRefreshToken = null,
    [property: JsonPropertyName("authorizer_refresh_token_digest")] string? AuthorizerRefreshTokenDigest = null);
