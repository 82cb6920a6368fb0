using Microsoft.AspNetCore.Http;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Component;

/// <summary>
/// SPEC §2's checks for the component APIs that take a component token: the token (<c>component_access_token</c>,
/// else <c>access_token</c>) is present, genuine and current (41001, 40014, 40001, 42001) and a component's
/// (48001 for app, stable and authorizer tokens); then the body (<see cref="ComponentRequest"/>), whose
/// component_appid must be the token's own (48001 otherwise, whether or not that other component exists).
/// </summary>
internal sealed class ComponentCallerGate(TokenService tokens, RequestBody body)
{
    public async Task<Result<ComponentRequest>> ReadAsync(HttpContext context, IReadOnlyList<string> required)
    {
        var query = context.Request.Query;
        var text = query["component_access_token"].ToString();
        if (text.Length == 0)
        {
            text = query["access_token"].ToString();
        }
        if (text.Length == 0)
        {
            return new WeChatError(ErrCode.AccessTokenMissing);
        }
        var checkedToken = await tokens.CheckAsync(text);
        if (checkedToken.Error is { } invalid)
        {
            return invalid;
        }
        var token = checkedToken.Value;
        if (token.Kind != TokenKind.Component)
        {
            return new WeChatError(ErrCode.ApiUnauthorized, "this api needs a component_access_token");
        }
        var request = await ComponentRequest.ReadAsync(context, body, required);
        if (request.Error is null && request.Value.ComponentAppId != token.ComponentAppId)
        {
            return new WeChatError(ErrCode.ApiUnauthorized, "component_appid is not the component_access_token's component");
        }
        return request;
    }
}
