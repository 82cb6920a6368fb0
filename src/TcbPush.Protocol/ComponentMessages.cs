using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol;

/// <summary>The body of <c>POST /cgi-bin/component/api_component_token</c>.</summary>
/// <param name="ComponentAppId">The third-party platform's appid.</param>
/// <param name="ComponentAppSecret">The third-party platform's secret.</param>
/// <param name="ComponentVerifyTicket">The latest verify ticket WeChat (or TcbPush's admin API) gave the platform.</param>
public sealed record ComponentTokenRequest(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("component_appsecret")] string ComponentAppSecret,
    [property: JsonPropertyName("component_verify_ticket")] string ComponentVerifyTicket)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ComponentAppId = {ComponentAppId}, ComponentAppSecret = {Redaction.Of(ComponentAppSecret)}, ComponentVerifyTicket = {Redaction.Of(ComponentVerifyTicket)}");
        return true;
    }
}

/// <summary>The answer of <c>api_component_token</c>.</summary>
/// <param name="ComponentAccessToken">The component access token for the other component calls.</param>
/// <param name="ExpiresIn">Its lifetime in seconds (7200).</param>
public sealed record ComponentAccessTokenResponse(
    [property: JsonPropertyName("component_access_token")] string ComponentAccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ComponentAccessToken = {Redaction.Of(ComponentAccessToken)}, ExpiresIn = {ExpiresIn}");
        return true;
    }
}

/// <summary>The body of <c>POST /cgi-bin/component/api_create_preauthcode</c>.</summary>
/// <param name="ComponentAppId">The third-party platform's appid.</param>
public sealed record PreAuthCodeRequest(
    [property: JsonPropertyName("component_appid")] string ComponentAppId);

/// <summary>The answer of <c>api_create_preauthcode</c>.</summary>
/// <param name="PreAuthCode">The pre-authorization code for the authorization page.</param>
/// <param name="ExpiresIn">Its lifetime in seconds (600).</param>
public sealed record PreAuthCodeResponse(
    [property: JsonPropertyName("pre_auth_code")] string PreAuthCode,
    [property: JsonPropertyName("expires_in")] int ExpiresIn)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"PreAuthCode = {Redaction.Of(PreAuthCode)}, ExpiresIn = {ExpiresIn}");
        return true;
    }
}

/// <summary>The body of <c>POST /cgi-bin/component/api_query_auth</c>.</summary>
/// <param name="ComponentAppId">The third-party platform's appid.</param>
/// <param name="AuthorizationCode">The code the authorization page returned.</param>
public sealed record QueryAuthRequest(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("authorization_code")] string AuthorizationCode)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ComponentAppId = {ComponentAppId}, AuthorizationCode = {Redaction.Of(AuthorizationCode)}");
        return true;
    }
}

/// <summary>The answer of <c>api_query_auth</c>.</summary>
/// <param name="AuthorizationInfo">The authorization the code stood for.</param>
public sealed record QueryAuthResponse(
    [property: JsonPropertyName("authorization_info")] AuthorizationInfo AuthorizationInfo);

/// <summary>An authorizer app's authorization of a third-party platform.</summary>
/// <param name="AuthorizerAppId">The app that authorized the platform.</param>
/// <param name="AuthorizerAccessToken">A token to call APIs on the authorizer's behalf.</param>
/// <param name="ExpiresIn">Its lifetime in seconds.</param>
/// <param name="AuthorizerRefreshToken">The refresh token for <c>api_authorizer_token</c>.</param>
/// <param name="FuncInfo">The permission sets granted.</param>
public sealed record AuthorizationInfo(
    [property: JsonPropertyName("authorizer_appid")] string AuthorizerAppId,
    [property: JsonPropertyName("authorizer_access_token")] string AuthorizerAccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("authorizer_refresh_token")] string AuthorizerRefreshToken,
    [property: JsonPropertyName("func_info")] IReadOnlyList<FuncInfo>? FuncInfo = null)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AuthorizerAppId = {AuthorizerAppId}, AuthorizerAccessToken = {Redaction.Of(AuthorizerAccessToken)}, ExpiresIn = {ExpiresIn}, AuthorizerRefreshToken = {Redaction.Of(AuthorizerRefreshToken)}, FuncInfo = [{(FuncInfo is null ? "" : string.Join(", ", FuncInfo.Select(f => f.FuncScopeCategory.Id)))}]");
        return true;
    }
}

/// <summary>One granted permission set.</summary>
/// <param name="FuncScopeCategory">The permission set.</param>
public sealed record FuncInfo(
    [property: JsonPropertyName("funcscope_category")] FuncScopeCategory FuncScopeCategory);

/// <summary>A permission set by number (e.g. 49 or 64 for cloud development).</summary>
/// <param name="Id">The permission set's number.</param>
public sealed record FuncScopeCategory(
    [property: JsonPropertyName("id")] int Id);

/// <summary>The body of <c>POST /cgi-bin/component/api_authorizer_token</c>.</summary>
/// <param name="ComponentAppId">The third-party platform's appid.</param>
/// <param name="AuthorizerAppId">The authorizer app.</param>
/// <param name="AuthorizerRefreshToken">The refresh token from <c>api_query_auth</c> or a previous refresh.</param>
public sealed record AuthorizerTokenRequest(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("authorizer_appid")] string AuthorizerAppId,
    [property: JsonPropertyName("authorizer_refresh_token")] string AuthorizerRefreshToken)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ComponentAppId = {ComponentAppId}, AuthorizerAppId = {AuthorizerAppId}, AuthorizerRefreshToken = {Redaction.Of(AuthorizerRefreshToken)}");
        return true;
    }
}

/// <summary>The answer of <c>api_authorizer_token</c>.</summary>
/// <param name="AuthorizerAccessToken">A new token to call APIs on the authorizer's behalf.</param>
/// <param name="ExpiresIn">Its lifetime in seconds.</param>
/// <param name="AuthorizerRefreshToken">The refresh token to use next time.</param>
public sealed record AuthorizerTokenResponse(
    [property: JsonPropertyName("authorizer_access_token")] string AuthorizerAccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("authorizer_refresh_token")] string AuthorizerRefreshToken)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AuthorizerAccessToken = {Redaction.Of(AuthorizerAccessToken)}, ExpiresIn = {ExpiresIn}, AuthorizerRefreshToken = {Redaction.Of(AuthorizerRefreshToken)}");
        return true;
    }
}
