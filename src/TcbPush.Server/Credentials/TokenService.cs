using Microsoft.Extensions.Options;
using TcbPush.Protocol;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Credentials;

/// <summary>Issues tokens and tells a good token from a forged (40014), superseded (40001) or expired (42001) one.</summary>
internal sealed class TokenService(ITokenStore store, TokenCodec codec, TokenGenerationCache cache, TimeProvider time, IOptions<CredentialOptions> options,
    CredentialMetrics metrics)
{
    private TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.TokenTtlSeconds);

    /// <summary>Issues a new component or authorizer token; the subject's previous token keeps working for the overlap.</summary>
    public async Task<IssuedToken> IssueAsync(TokenKind kind, string subject) => (await IssueNewAsync(kind, subject, appId: null)).Value;

    /// <summary>Issues an app's plain token, or 40013 when the app was removed meanwhile (the check and the issue are one write).</summary>
    public Task<Result<IssuedToken>> IssueForAppAsync(string appId) => IssueNewAsync(TokenKind.App, appId, appId);

    private async Task<Result<IssuedToken>> IssueNewAsync(TokenKind kind, string subject, string? appId)
    {
        var now = time.GetUtcNow();
        var issue = await store.IssueAsync(kind.ToString(), subject, now, _ => TokenDecision.Issue(now, now + Lifetime), appId);
        if (issue.RefusedWith != 0)
        {
            return new WeChatError(issue.RefusedWith);
        }
        metrics.Issued(kind);
        return Remember(kind, subject, issue.Generation!, now);
    }

    /// <summary>The stable token: the current one while it has more than 5 minutes left, else (or when forced) a new one.</summary>
    public async Task<Result<IssuedToken>> StableAsync(string appId, bool forceRefresh)
    {
        var now = time.GetUtcNow();
        var kept = false;
        var issue = await store.IssueAsync(TokenKind.Stable.ToString(), appId, TokenPolicy.StartOfQuotaDay(now), history =>
        {
            if (!forceRefresh)
            {
                kept = history.Latest is { } latest && latest.ExpiresAt - now > TokenPolicy.StableRenewBefore;
                return kept ? TokenDecision.Keep : TokenDecision.Issue(now, now + Lifetime);
            }
            if (history.ForcedCount >= TokenPolicy.StableForceRefreshPerDay)
            {
                return TokenDecision.Refuse(ErrCode.DailyLimit);
            }
            if (history.LastForcedAt is { } last && now - last < TokenPolicy.StableForceRefreshSpacing)
            {
                return TokenDecision.Refuse(ErrCode.MinuteQuota);
            }
            return TokenDecision.Issue(now, now + Lifetime, forced: true);
        }, appId);
        if (issue.RefusedWith == ErrCode.InvalidAppId)
        {
            return new WeChatError(ErrCode.InvalidAppId);
        }
        if (issue.RefusedWith != 0)
        {
            return new WeChatError(issue.RefusedWith, issue.RefusedWith == ErrCode.DailyLimit
                ? $"force_refresh is limited to {TokenPolicy.StableForceRefreshPerDay} a day"
                : $"force_refresh at most once every {TokenPolicy.StableForceRefreshSpacing.TotalSeconds:0} s");
        }
        if (!kept)
        {
            metrics.Issued(TokenKind.Stable);
        }
        return Remember(TokenKind.Stable, appId, issue.Generation!, now);
    }

    /// <summary>
    /// The app's current cloud-call token while it has more than <see cref="TokenPolicy.CloudCallRenewBefore"/> left,
    /// else a new one; 40013 when the app was removed.
    /// </summary>
    public async Task<Result<IssuedToken>> CloudCallAsync(string appId)
    {
        var now = time.GetUtcNow();
        var kept = false;
        var issue = await store.IssueAsync(TokenKind.CloudCall.ToString(), appId, now, history =>
        {
            kept = history.Latest is { } latest && latest.ExpiresAt - now > TokenPolicy.CloudCallRenewBefore;
            return kept ? TokenDecision.Keep : TokenDecision.Issue(now, now + TokenPolicy.CloudCallLifetime);
        }, appId);
        if (issue.RefusedWith != 0)
        {
            return new WeChatError(issue.RefusedWith);
        }
        if (!kept)
        {
            metrics.Issued(TokenKind.CloudCall);
        }
        return Remember(TokenKind.CloudCall, appId, issue.Generation!, now);
    }

    /// <summary>
    /// Checks 1 and 2 of SPEC §2's order on a token string: 41001 absent or empty, 40014 forged or unknown, 40001
    /// superseded past the overlap, 42001 expired.
    /// </summary>
    public async Task<Result<AccessToken>> CheckAsync(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new WeChatError(ErrCode.AccessTokenMissing);
        }
        if (codec.TryDecode(text) is not { } token)
        {
            return new WeChatError(ErrCode.InvalidAccessToken);
        }
        var now = time.GetUtcNow();
        var known = await cache.GetAsync(token.Kind, token.Subject, token.Generation);
        if (token.Generation > known.Latest || known.Latest == 0 || token.Generation <= known.RevokedThrough)
        {
            return new WeChatError(ErrCode.InvalidAccessToken);
        }
        if (token.Kind != TokenKind.CloudCall && token.Generation < known.Latest &&
            (known.Find(token.Generation + 1) is not { } successor || now >= successor.IssuedAt + TokenPolicy.Overlap))
        {
            return new WeChatError(ErrCode.InvalidCredential);
        }
        if (now >= token.ExpiresAt)
        {
            return new WeChatError(ErrCode.AccessTokenExpired);
        }
        return token;
    }

    /// <summary>Makes every token ever issued for the subject answer 40014 (after an app or authorization is removed).</summary>
    public async Task RevokeAllAsync(TokenKind kind, string subject)
    {
        await store.RevokeAllAsync(kind.ToString(), subject);
        cache.Forget(kind, subject);
    }

    private IssuedToken Remember(TokenKind kind, string subject, TokenGeneration generation, DateTimeOffset now)
    {
        cache.Forget(kind, subject);
        var token = new AccessToken(kind, subject, generation.Generation, generation.IssuedAt, generation.ExpiresAt);
        var expiresIn = (int)Math.Max(0, Math.Floor((generation.ExpiresAt - now).TotalSeconds));
        return new IssuedToken(codec.Encode(token), expiresIn);
    }
}

/// <summary>A token string as handed out, with its remaining lifetime in seconds.</summary>
internal sealed record IssuedToken(string Token, int ExpiresIn);
