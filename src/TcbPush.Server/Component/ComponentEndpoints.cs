using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Component;

/// <summary>
/// The third-party platform's token APIs under <c>/cgi-bin/component/</c>, on the component surface (SPEC §2's checks
/// run first). As WeChat's, their success bodies carry no errcode/errmsg; errors use the envelope.
/// </summary>
internal static class ComponentEndpoints
{
    private const string VerifyTicketField = "component_verify_ticket";

    public static IEndpointRouteBuilder MapComponents(this IEndpointRouteBuilder routes)
    {
        routes.Map("/cgi-bin/component/api_component_token", ComponentTokenAsync).RequireComponentBody(ComponentRequest.SecretField, VerifyTicketField);
        routes.Map("/cgi-bin/component/api_create_preauthcode", CreatePreAuthCode).RequireComponentCaller();
        routes.Map("/cgi-bin/component/api_query_auth", QueryAuthAsync).RequireComponentCaller("authorization_code");
        routes.Map("/cgi-bin/component/api_authorizer_token", AuthorizerTokenAsync).RequireComponentCaller("authorizer_appid", "authorizer_refresh_token");
        return routes;
    }

    private static async Task<IResult> ComponentTokenAsync(ComponentCall call, ComponentCredentialCheck credentials, TokenService tokens)
    {
        var component = call.Request;
        if (await credentials.CheckAsync(component.ComponentAppId, component[ComponentRequest.SecretField], component[VerifyTicketField]) is { } refused)
        {
            return WeChatResponse.Error(refused);
        }
        var issued = await tokens.IssueAsync(TokenKind.Component, component.ComponentAppId);
        return Results.Json(new ComponentAccessTokenResponse(issued.Token, issued.ExpiresIn),
            ProtocolJson.Default.ComponentAccessTokenResponse, WeChatResponse.ContentType);
    }

    // TcbPush has no authorization page to take a pre-auth code, so it is not kept: authorization codes come from the admin API.
    private static IResult CreatePreAuthCode() =>
        Results.Json(new PreAuthCodeResponse(OpaqueCode.New(OpaqueCode.PreAuthCode), (int)ComponentPolicy.PreAuthCodeLifetime.TotalSeconds),
            ProtocolJson.Default.PreAuthCodeResponse, WeChatResponse.ContentType);

    private static async Task<IResult> QueryAuthAsync(ComponentCall call, AuthorizerTokenIssuer issuer)
    {
        var redeemed = await issuer.RedeemAsync(call.Request.ComponentAppId, call.Request["authorization_code"]);
        return redeemed.Error is { } refused
            ? WeChatResponse.Error(refused)
            : Results.Json(new QueryAuthResponse(redeemed.Value), ProtocolJson.Default.QueryAuthResponse, WeChatResponse.ContentType);
    }

    private static async Task<IResult> AuthorizerTokenAsync(ComponentCall call, AuthorizerTokenIssuer issuer)
    {
        var request = call.Request;
        var refreshed = await issuer.RefreshAsync(request.ComponentAppId, request["authorizer_appid"], request["authorizer_refresh_token"]);
        return refreshed.Error is { } refused
            ? WeChatResponse.Error(refused)
            : Results.Json(refreshed.Value, ProtocolJson.Default.AuthorizerTokenResponse, WeChatResponse.ContentType);
    }
}
