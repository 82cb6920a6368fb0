using System.Collections.Concurrent;

namespace TcbPush.Server.Credentials;

/// <summary>
/// The cloud-call token every delivery carries (SPEC §10.3). Each app's is kept in memory and handed out while it is
/// valid with more than <see cref="TokenPolicy.CloudCallRenewBefore"/> left, so a new one costs a write only every
/// few minutes per app, not one per delivery.
/// </summary>
internal sealed class CloudCallTokens(TokenService tokens, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Held> held = new(StringComparer.Ordinal);

    /// <summary>A token for a delivery of the app's messages, or null when the app no longer exists.</summary>
    public async Task<string?> ForDeliveryAsync(string appId)
    {
        var now = time.GetUtcNow();
        if (held.TryGetValue(appId, out var current) && now < current.RenewAt && (await tokens.CheckAsync(current.Token)).Error is null)
        {
            return current.Token;
        }
        var issued = await tokens.CloudCallAsync(appId);
        if (issued.Error is not null)
        {
            held.TryRemove(appId, out _);
            return null;
        }
        var renewAt = now + TimeSpan.FromSeconds(issued.Value.ExpiresIn) - TokenPolicy.CloudCallRenewBefore;
        held[appId] = new Held(issued.Value.Token, renewAt);
        return issued.Value.Token;
    }

    private sealed record Held(string Token, DateTimeOffset RenewAt);
}
