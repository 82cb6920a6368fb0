using System.Text.Json.Serialization;

namespace TcbPush.Protocol;

/// <summary>The success body of <c>/cgi-bin/component/api_component_token</c>.</summary>
public sealed record ComponentAccessTokenResponse(
    [property: JsonPropertyName("component_access_token")] string ComponentAccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>The success body of <c>/cgi-bin/component/api_create_preauthcode</c>.</summary>
public sealed record PreAuthCodeResponse(
    [property: JsonPropertyName("pre_auth_code")] string PreAuthCode,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>The success body of <c>/cgi-bin/component/api_query_auth</c>.</summary>
public sealed record QueryAuthResponse(
    [property: JsonPropertyName("authorization_info")] AuthorizationInfo AuthorizationInfo);

/// <summary>What an authorization code turned into: the authorizer, its first token, its refresh token and permission sets.</summary>
public sealed record AuthorizationInfo(
    [property: JsonPropertyName("authorizer_appid")] string AuthorizerAppId,
    [property: JsonPropertyName("authorizer_access_token")] string AuthorizerAccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("authorizer_refresh_token")] string AuthorizerRefreshToken,
    [property: JsonPropertyName("func_info")] IReadOnlyList<FuncInfo> FuncInfo);

/// <summary>One permission set of an authorization, in WeChat's nesting.</summary>
public sealed record FuncInfo(
    [property: JsonPropertyName("funcscope_category")] FuncScopeCategory FuncScopeCategory);

/// <summary>A permission set's id (49 and 64 cover the tcb APIs).</summary>
public sealed record FuncScopeCategory(
    [property: JsonPropertyName("id")] int Id);

/// <summary>The success body of <c>/cgi-bin/component/api_authorizer_token</c>.</summary>
public sealed record AuthorizerTokenResponse(
    [property: JsonPropertyName("authorizer_access_token")] string AuthorizerAccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("authorizer_refresh_token")] string AuthorizerRefreshToken);
