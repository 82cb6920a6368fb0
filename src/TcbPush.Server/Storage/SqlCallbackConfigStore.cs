using System.Text.Json;
using TcbPush.Protocol;
using TcbPush.Server.CallbackConfig;

namespace TcbPush.Server.Storage;

/// <summary>
/// Compare-and-swap on the version. SQLite's one writer runs writes one at a time; on PostgreSQL under READ COMMITTED an
/// UPDATE that waited for another node's write re-checks <c>version = expected</c> against the committed row, so exactly
/// one of two racing writes of one version succeeds.
/// </summary>
internal sealed class SqlCallbackConfigStore(ISqlDatabase db, TimeProvider time) : ICallbackConfigStore
{
    public async Task<StoredCallbackConfig> GetAsync(string appId) =>
        (await db.ReadAsync(s => s.QueryAsync("SELECT config, version FROM callback_configs WHERE appid = $1",
            r => new StoredCallbackConfig(
                JsonSerializer.Deserialize(r.GetString(0), ProtocolJson.Default.CallbackConfiguration)!, r.GetInt64(1)),
            appId))).SingleOrDefault() ?? StoredCallbackConfig.Never;

    public Task<bool> TryReplaceAsync(string appId, long expectedVersion, CallbackConfiguration config, int sets = 1)
    {
        var json = JsonSerializer.Serialize(config, ProtocolJson.Default.CallbackConfiguration);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return db.WriteAsync(async s =>
        {
            var replaced = expectedVersion == 0
                ? await s.ExecuteAsync("INSERT INTO callback_configs (appid, version, config, updated_at) VALUES ($1, $4, $2, $3) " +
                                       "ON CONFLICT (appid) DO NOTHING", appId, json, now, (long)sets) == 1
                : await s.ExecuteAsync("UPDATE callback_configs SET version = version + $5, config = $2, updated_at = $3 " +
                                       "WHERE appid = $1 AND version = $4", appId, json, now, expectedVersion, (long)sets) == 1;
            if (replaced)
            {
                await s.NotifyStateAsync(db.Dialect, CachedCallbackConfigStore.Topic, appId);
            }
            return replaced;
        });
    }
}
