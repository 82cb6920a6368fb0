using Microsoft.AspNetCore.Http;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Conversations;

/// <summary>
/// SPEC §2's checks 1–5 for custom/send and custom/typing, the one place these endpoints authenticate. It runs
/// <see cref="TcbCallerGate"/> (token present, genuine, current, of a kind that may call, rate limit) with one
/// difference required by §10.3: an authorizer token acts for its authorizer app here without permission set 49 or
/// 64, so the gate's 61007 is no refusal (a revoked authorization still is, 61003); the rate limit is then applied
/// here, because the gate stopped before it.
/// </summary>
internal sealed class ReplyCallerCheck(TcbCallerGate gate, TokenService tokens, AppRateLimiter rateLimiter)
{
    public async Task<Result<Caller>> CheckAsync(HttpContext context)
    {
        var caller = await gate.AuthenticateAsync(context);
        if (caller.Error is { Code: ErrCode.ApiUnauthorizedToComponent })
        {
            caller = await WithoutPermissionSetsAsync(context);
        }
        if (caller.Error is { } refused)
        {
            return refused;
        }
        return HttpMethods.IsPost(context.Request.Method) ? caller : new WeChatError(ErrCode.RequirePost);
    }

    /// <summary>The gate refused only for the permission sets, so the token is a live authorizer token: check the rate limit.</summary>
    private async Task<Result<Caller>> WithoutPermissionSetsAsync(HttpContext context)
    {
        var token = await tokens.CheckAsync(context.Request.Query["access_token"].ToString());
        if (token.Error is { } invalid)
        {
            return invalid;
        }
        return rateLimiter.TryAcquire(token.Value.AppId) ? new Caller(token.Value.AppId, token.Value) : new WeChatError(ErrCode.MinuteQuota);
    }
}
