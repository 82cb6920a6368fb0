using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Component;

/// <summary>
/// The third-party platform's token APIs under <c>/cgi-bin/component/</c>. As WeChat's, their success bodies carry
/// no errcode/errmsg; errors use the envelope.
/// </summary>
internal static class ComponentEndpoints
{
    private static readonly string[] ComponentTokenFields = [ComponentRequest.SecretField, "component_verify_ticket"];
    private static readonly string[] QueryAuthFields = ["authorization_code"];
    private static readonly string[] AuthorizerTokenFields = ["authorizer_appid", "authorizer_refresh_token"];

    public static IEndpointRouteBuilder MapComponents(this IEndpointRouteBuilder routes)
    {
        routes.Map("/cgi-bin/component/api_component_token", ComponentTokenAsync);
        routes.Map("/cgi-bin/component/api_create_preauthcode", CreatePreAuthCodeAsync);
        routes.Map("/cgi-bin/component/api_query_auth", QueryAuthAsync);
        routes.Map("/cgi-bin/component/api_authorizer_token", AuthorizerTokenAsync);
        return routes;
    }

    private static async Task<IResult> ComponentTokenAsync(HttpContext context, RequestBody body, ComponentCredentialCheck credentials, TokenService tokens)
    {
        var request = await ComponentRequest.ReadAsync(context, body, ComponentTokenFields);
        if (request.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        var component = request.Value;
        if (await credentials.CheckAsync(component.ComponentAppId, component[ComponentRequest.SecretField], component["component_verify_ticket"]) is { } refused)
        {
            return WeChatResponse.Error(refused);
        }
        var issued = await tokens.IssueAsync(TokenKind.Component, component.ComponentAppId);
        return Results.Json(new ComponentAccessTokenResponse(issued.Token, issued.ExpiresIn),
            ProtocolJson.Default.ComponentAccessTokenResponse, WeChatResponse.ContentType);
    }

    // TcbPush has no authorization page to take a pre-auth code, so it is not kept: authorization codes come from the admin API.
    private static async Task<IResult> CreatePreAuthCodeAsync(HttpContext context, ComponentCallerGate gate)
    {
        var request = await gate.ReadAsync(context, []);
        if (request.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        return Results.Json(new PreAuthCodeResponse(OpaqueCode.New(OpaqueCode.PreAuthCode), (int)ComponentPolicy.PreAuthCodeLifetime.TotalSeconds),
            ProtocolJson.Default.PreAuthCodeResponse, WeChatResponse.ContentType);
    }

    private static async Task<IResult> QueryAuthAsync(HttpContext context, ComponentCallerGate gate, AuthorizerTokenIssuer issuer)
    {
        var request = await gate.ReadAsync(context, QueryAuthFields);
        if (request.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        var redeemed = await issuer.RedeemAsync(request.Value.ComponentAppId, request.Value["authorization_code"]);
        return redeemed.Error is { } refused
            ? WeChatResponse.Error(refused)
            : Results.Json(new QueryAuthResponse(redeemed.Value), ProtocolJson.Default.QueryAuthResponse, WeChatResponse.ContentType);
    }

    private static async Task<IResult> AuthorizerTokenAsync(HttpContext context, ComponentCallerGate gate, AuthorizerTokenIssuer issuer)
    {
        var request = await gate.ReadAsync(context, AuthorizerTokenFields);
        if (request.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        var refreshed = await issuer.RefreshAsync(request.Value.ComponentAppId, request.Value["authorizer_appid"], request.Value["authorizer_refresh_token"]);
        return refreshed.Error is { } refused
            ? WeChatResponse.Error(refused)
            : Results.Json(refreshed.Value, ProtocolJson.Default.AuthorizerTokenResponse, WeChatResponse.ContentType);
    }
}
