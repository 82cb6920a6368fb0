using Microsoft.AspNetCore.Http;
using TcbPush.Protocol;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Credentials;

/// <summary>
/// Checks 1–4 of SPEC §2 for the tcb endpoints: the token is present, genuine and current, of a kind that may
/// call tcb (app, stable, or an authorizer holding permission set 49 or 64), and within the app's rate limit.
/// </summary>
internal sealed class TcbCallerGate(TokenService tokens, IAuthorizerCheck authorizers, AppRateLimiter rateLimiter)
{
    public async Task<Result<Caller>> AuthenticateAsync(HttpContext context)
    {
        var text = context.Request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return new WeChatError(ErrCode.AccessTokenMissing);
        }
        var checkedToken = await tokens.CheckAsync(text);
        if (checkedToken.Error is { } invalid)
        {
            return invalid;
        }
        var token = checkedToken.Value;
        switch (token.Kind)
        {
            case TokenKind.Component:
                return new WeChatError(ErrCode.ApiUnauthorized, "a component token cannot call this api");
            case TokenKind.Authorizer when await authorizers.CheckTcbAccessAsync(token.ComponentAppId!, token.AppId) is { } refused:
                return refused;
        }
        if (!rateLimiter.TryAcquire(token.AppId))
        {
            return new WeChatError(ErrCode.MinuteQuota);
        }
        return new Caller(token.AppId, token);
    }
}
