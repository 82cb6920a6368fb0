using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// What a user consents to on WeChat's authorization page (<c>POST /admin/authorization_codes</c>); the server
/// answers with a code for <c>api_query_auth</c>.
/// </summary>
/// <param name="ComponentAppId">The platform's appid.</param>
/// <param name="AuthorizerAppId">The app that authorizes it.</param>
/// <param name="PermissionSets">The permission sets consented to.</param>
public sealed record AuthorizationCodeRequest(
    [property: JsonPropertyName("component_appid")] string? ComponentAppId,
    [property: JsonPropertyName("authorizer_appid")] string? AuthorizerAppId,
    [property: JsonPropertyName("permission_sets")] IReadOnlyList<int>? PermissionSets);
