using System.Collections.Concurrent;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;

namespace TcbPush.Server.Component;

/// <summary>
/// Whether an authorizer token may call the tcb APIs: 61003 when its authorization is absent or revoked, 61007
/// without permission set 49 or 64. Verdicts are cached on this node for <see cref="ComponentPolicy.AccessCacheLifetime"/>
/// so the hot path costs no database read; every grant, revocation or redemption on this node calls
/// <see cref="Forget"/> first, so here it takes effect at once, and on other nodes sharing the database within
/// that lifetime.
/// </summary>
internal sealed class AuthorizerAccess(IAuthorizationStore store, TimeProvider time) : IAuthorizerCheck
{
    private readonly ConcurrentDictionary<(string Component, string Authorizer), Verdict> verdicts = new();
    private long forgetCount;

    public async Task<WeChatError?> CheckTcbAccessAsync(string componentAppId, string authorizerAppId)
    {
        var key = (componentAppId, authorizerAppId);
        var now = time.GetUtcNow();
        if (verdicts.TryGetValue(key, out var cached) && now - cached.LoadedAt < ComponentPolicy.AccessCacheLifetime)
        {
            return cached.Refusal;
        }
        var before = Interlocked.Read(ref forgetCount);
        var verdict = new Verdict(Judge(await store.FindAsync(componentAppId, authorizerAppId)), now);
        verdicts[key] = verdict;
        // A Forget that ran while we read may have removed nothing yet: then what we read may be stale, so drop it.
        if (Interlocked.Read(ref forgetCount) != before)
        {
            verdicts.TryRemove(KeyValuePair.Create(key, verdict));
        }
        return verdict.Refusal;
    }

    /// <summary>Drops this node's verdict on an authorization; call after changing it in the store.</summary>
    public void Forget(string componentAppId, string authorizerAppId)
    {
        Interlocked.Increment(ref forgetCount);
        verdicts.TryRemove((componentAppId, authorizerAppId), out _);
    }

    private static WeChatError? Judge(AuthorizationRecord? authorization) => authorization switch
    {
        null or { IsActive: false } => new WeChatError(ErrCode.ComponentNotAuthorized),
        _ when !ComponentPolicy.AllowsTcb(authorization.PermissionSets) =>
            new WeChatError(ErrCode.ApiUnauthorizedToComponent, "permission set 49 or 64 is required"),
        _ => null,
    };

    private sealed record Verdict(WeChatError? Refusal, DateTimeOffset LoadedAt);
}
