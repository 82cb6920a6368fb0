using TcbPush.Protocol;

namespace TcbPush.Client;

/// <summary>
/// One app's access token, shared by every <see cref="WeChatClient"/> given this cache. The token is renewed shortly
/// before it expires; however many callers need a new one at once, one request is made and all of them await it.
/// A token the server rejects is dropped (<see cref="Invalidate"/>) so that the next caller fetches a fresh one.
/// </summary>
/// <remarks>A cache holds the token of one app: give each app its own cache.</remarks>
public sealed class AccessTokenCache
{
    private readonly TimeProvider time;
    private readonly TimeSpan refreshMargin;
    private readonly Lock gate = new();
    private CachedToken? current;
    private TaskCompletionSource<CachedToken>? refreshing;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="time">The clock that decides expiry (default: the system clock).</param>
    /// <param name="refreshMargin">How long before expiry to renew (default 5 minutes; at most half the token's lifetime is used).</param>
    public AccessTokenCache(TimeProvider? time = null, TimeSpan? refreshMargin = null)
    {
        this.time = time ?? TimeProvider.System;
        this.refreshMargin = refreshMargin ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(this.refreshMargin, TimeSpan.Zero, nameof(refreshMargin));
    }

    /// <summary>Drops the cached token if it is <paramref name="rejectedToken"/>; a newer token is kept.</summary>
    /// <param name="rejectedToken">The token a server refused (errcode 40001, 40014 or 42001).</param>
    public void Invalidate(string rejectedToken)
    {
        lock (gate)
        {
            if (current?.Token == rejectedToken)
            {
                current = null;
            }
        }
    }

    /// <summary>
    /// The cached token while it is fresh; otherwise the result of one <paramref name="fetch"/> shared by all waiting callers.
    /// A failed fetch fails every caller waiting for it and is not cached.
    /// </summary>
    internal async Task<string> GetAsync(Func<CancellationToken, Task<AccessTokenResponse>> fetch, CancellationToken cancellationToken)
    {
        TaskCompletionSource<CachedToken> pending;
        var leader = false;
        lock (gate)
        {
            if (current is { } fresh && time.GetUtcNow() < fresh.RenewAt)
            {
                return fresh.Token;
            }
            if (refreshing is null)
            {
                refreshing = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
                leader = true;
            }
            pending = refreshing;
        }
        if (leader)
        {
            // The fetch is shared, so no single caller's cancellation may stop it.
            _ = RefreshAsync(fetch, pending);
        }
        return (await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false)).Token;
    }

    private async Task RefreshAsync(Func<CancellationToken, Task<AccessTokenResponse>> fetch, TaskCompletionSource<CachedToken> pending)
    {
        try
        {
            var obtainedAt = time.GetUtcNow();
            var response = await fetch(CancellationToken.None).ConfigureAwait(false);
            var lifetime = TimeSpan.FromSeconds(Math.Max(response.ExpiresIn, 0));
            var margin = refreshMargin < lifetime / 2 ? refreshMargin : lifetime / 2;
            var token = new CachedToken(response.AccessToken, obtainedAt + lifetime - margin);
            lock (gate)
            {
                current = token;
                refreshing = null;
            }
            pending.SetResult(token);
        }
#pragma warning disable CA1031 // Every failure is handed to the waiting callers.
        catch (Exception e)
#pragma warning restore CA1031
        {
            lock (gate)
            {
                refreshing = null;
            }
            pending.SetException(e);
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);
}
