namespace TcbPush.Server.Apps;

/// <summary>
/// Environments as routing and <c>setcallbackconfig</c> look them up, from memory: writes through this store
/// invalidate at once, other nodes' writes through <see cref="CacheCoherence"/>.
/// </summary>
internal sealed class CachedEnvironmentStore(IEnvironmentStore inner, CacheCoherence coherence, TimeProvider time) : IEnvironmentStore
{
    public const string Topic = "env";

    private readonly SharedStateCache<EnvironmentRecord> cache = new(Topic, coherence, time);

    public Task<EnvironmentRecord?> FindAsync(string env) => cache.GetAsync(env, inner.FindAsync);

    public Task<IReadOnlyList<EnvironmentRecord>> ListAsync() => inner.ListAsync();

    public async Task<bool> UpsertAsync(EnvironmentRecord environment)
    {
        try
        {
            return await inner.UpsertAsync(environment);
        }
        finally
        {
            cache.Forget(environment.Env);
        }
    }

    public async Task<bool> DeleteAsync(string env)
    {
        try
        {
            return await inner.DeleteAsync(env);
        }
        finally
        {
            cache.Forget(env);
        }
    }
}
