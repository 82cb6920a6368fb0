using System.Text.Json.Serialization;

namespace TcbPush.Server.Component;

/// <summary>A third-party platform as the admin API and the seed file declare it.</summary>
internal sealed record ComponentRegistration(
    [property: JsonPropertyName("component_appid")] string? ComponentAppId,
    [property: JsonPropertyName("component_appsecret")] string? ComponentAppSecret,
    [property: JsonPropertyName("component_verify_ticket")] string? ComponentVerifyTicket);

/// <summary>A newly received verify ticket (WeChat pushes one every 10 minutes; here the admin API stands in).</summary>
internal sealed record TicketRegistration(
    [property: JsonPropertyName("component_verify_ticket")] string? ComponentVerifyTicket);

/// <summary>
/// An authorization as the admin API and the seed file declare it; without a refresh token, a new one is generated.
/// </summary>
internal sealed record AuthorizationRegistration(
    [property: JsonPropertyName("component_appid")] string? ComponentAppId,
    [property: JsonPropertyName("authorizer_appid")] string? AuthorizerAppId,
    [property: JsonPropertyName("permission_sets")] IReadOnlyList<int>? PermissionSets,
    [property: JsonPropertyName("authorizer_refresh_token")] string? AuthorizerRefreshToken = null);

/// <summary>What a user consents to on WeChat's authorization page, for which the admin API issues a code.</summary>
internal sealed record AuthorizationCodeRequest(
    [property: JsonPropertyName("component_appid")] string? ComponentAppId,
    [property: JsonPropertyName("authorizer_appid")] string? AuthorizerAppId,
    [property: JsonPropertyName("permission_sets")] IReadOnlyList<int>? PermissionSets);
