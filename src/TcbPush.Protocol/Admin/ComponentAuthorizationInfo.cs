using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>An authorization as <c>GET /admin/authorizations</c> lists it; no refresh token.</summary>
/// <param name="ComponentAppId">The platform's appid.</param>
/// <param name="AuthorizerAppId">The app that authorized it.</param>
/// <param name="PermissionSets">The permission sets granted.</param>
/// <param name="GrantedAt">When it was granted (Unix seconds on the wire).</param>
/// <param name="RevokedAt">When it was revoked (Unix seconds on the wire); null while it is in force.</param>
public sealed record ComponentAuthorizationInfo(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("authorizer_appid")] string AuthorizerAppId,
    [property: JsonPropertyName("permission_sets")] IReadOnlyList<int> PermissionSets,
    [property: JsonPropertyName("granted_at"), JsonConverter(typeof(UnixSecondsJsonConverter))] DateTimeOffset GrantedAt,
    [property: JsonPropertyName("revoked_at"), JsonConverter(typeof(UnixSecondsJsonConverter))] DateTimeOffset? RevokedAt);

/// <summary>The answer of <c>GET /admin/authorizations</c>.</summary>
/// <param name="Authorizations">Every authorization, revoked ones included.</param>
public sealed record ComponentAuthorizationList(
    [property: JsonPropertyName("authorizations")] IReadOnlyList<ComponentAuthorizationInfo> Authorizations);
