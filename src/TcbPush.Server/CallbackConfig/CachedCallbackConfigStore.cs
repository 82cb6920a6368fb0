using TcbPush.Protocol;
using TcbPush.Server.Apps;

namespace TcbPush.Server.CallbackConfig;

/// <summary>
/// Each app's configuration in force, from memory, for routing and <c>getcallbackconfig</c>: a successful replace on
/// this node serves the new configuration at once; a failed one (another node came first) forgets the entry so the
/// retry reads the database; other nodes' writes arrive through <see cref="CacheCoherence"/>.
/// </summary>
internal sealed class CachedCallbackConfigStore(ICallbackConfigStore inner, CacheCoherence coherence, TimeProvider time) : ICallbackConfigStore
{
    public const string Topic = "config";

    private readonly SharedStateCache<StoredCallbackConfig> cache = new(Topic, coherence, time);

    public async Task<StoredCallbackConfig> GetAsync(string appId) =>
        (await cache.GetAsync(appId, async id => await inner.GetAsync(id)))!;

    public async Task<bool> TryReplaceAsync(string appId, long expectedVersion, CallbackConfiguration config, int sets = 1)
    {
        var stamp = cache.Stamp();
        var replaced = false;
        try
        {
            replaced = await inner.TryReplaceAsync(appId, expectedVersion, config, sets);
            return replaced;
        }
        finally
        {
            if (replaced)
            {
                cache.Wrote(appId, new StoredCallbackConfig(config, expectedVersion + sets), stamp);
            }
            else
            {
                cache.Forget(appId);
            }
        }
    }
}
