using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TcbPush.Server.Credentials;

/// <summary>Per-app calls per minute on the tcb endpoints (fixed one-minute windows); off when the limit is 0.</summary>
internal sealed class AppRateLimiter(IOptions<CredentialOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string appId)
    {
        var limit = options.Value.RateLimitPerMinute;
        if (limit <= 0)
        {
            return true;
        }
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var window = windows.AddOrUpdate(appId, _ => new Window(minute, 1),
            (_, current) => current.Minute == minute ? current with { Count = current.Count + 1 } : new Window(minute, 1));
        return window.Count <= limit;
    }

    private sealed record Window(long Minute, int Count);
}
