namespace TcbPush.Server.Apps;

/// <summary>
/// Apps as ingress and the token endpoints look them up on every request, from memory: writes through this store
/// invalidate at once, other nodes' writes through <see cref="CacheCoherence"/>.
/// </summary>
internal sealed class CachedAppStore(IAppStore inner, CacheCoherence coherence, TimeProvider time) : IAppStore
{
    public const string Topic = "app";

    private readonly SharedStateCache<AppRecord> cache = new(Topic, coherence, time);

    public Task<AppRecord?> FindAsync(string appId) => cache.GetAsync(appId, inner.FindAsync);

    public Task<IReadOnlyList<AppRecord>> ListAsync() => inner.ListAsync();

    public async Task<bool> UpsertAsync(AppRecord app)
    {
        try
        {
            return await inner.UpsertAsync(app);
        }
        finally
        {
            cache.Forget(app.AppId);
        }
    }

    public async Task<bool> DeleteAsync(string appId)
    {
        try
        {
            return await inner.DeleteAsync(appId);
        }
        finally
        {
            cache.Forget(appId);
        }
    }
}
