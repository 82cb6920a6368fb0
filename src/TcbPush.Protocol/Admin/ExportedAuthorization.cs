using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A standing authorization in a <see cref="StateExport"/>: the seed's <c>authorizations</c> entry in stored form.</summary>
/// <param name="ComponentAppId">The platform's appid.</param>
/// <param name="AuthorizerAppId">The app that authorized it.</param>
/// <param name="PermissionSets">The permission sets granted, sorted.</param>
/// <param name="AuthorizerRefreshTokenDigest">The keyed digest (under the master key) of the refresh token in force (base64).</param>
public sealed record ExportedAuthorization(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("authorizer_appid")] string AuthorizerAppId,
    [property: JsonPropertyName("permission_sets")] IReadOnlyList<int> PermissionSets,
    [property: JsonPropertyName("authorizer_refresh_token_digest")] string AuthorizerRefreshTokenDigest);
