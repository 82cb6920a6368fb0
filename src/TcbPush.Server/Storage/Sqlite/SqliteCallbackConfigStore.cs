using System.Text.Json;
using TcbPush.Protocol;
using TcbPush.Server.CallbackConfig;

namespace TcbPush.Server.Storage.Sqlite;

internal sealed class SqliteCallbackConfigStore(SqliteDatabase db, TimeProvider time) : ICallbackConfigStore
{
    public Task<StoredCallbackConfig> GetAsync(string appId) => db.ReadAsync(c =>
        c.Query("SELECT config, version FROM callback_configs WHERE appid = $0",
            r => new StoredCallbackConfig(
                JsonSerializer.Deserialize(r.GetString(0), ProtocolJson.Default.CallbackConfiguration)!, r.GetInt64(1)),
            appId).SingleOrDefault() ?? StoredCallbackConfig.Never);

    public Task<bool> TryReplaceAsync(string appId, long expectedVersion, CallbackConfiguration config)
    {
        var json = JsonSerializer.Serialize(config, ProtocolJson.Default.CallbackConfiguration);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return db.WriteAsync(c => expectedVersion == 0
            ? c.Execute("INSERT INTO callback_configs (appid, version, config, updated_at) VALUES ($0, 1, $1, $2) " +
                        "ON CONFLICT (appid) DO NOTHING", appId, json, now) == 1
            : c.Execute("UPDATE callback_configs SET version = version + 1, config = $1, updated_at = $2 " +
                        "WHERE appid = $0 AND version = $3", appId, json, now, expectedVersion) == 1);
    }
}
