using System.Data.Common;
using TcbPush.Server.Apps;

namespace TcbPush.Server.Storage;

internal sealed class SqlEnvironmentStore(ISqlDatabase db) : IEnvironmentStore
{
    private const string Columns = "env, container_base_url, function_base_url";

    public async Task<EnvironmentRecord?> FindAsync(string env) =>
        (await db.ReadAsync(s => s.QueryAsync($"SELECT {Columns} FROM environments WHERE env = $1", Map, env))).SingleOrDefault();

    public async Task<IReadOnlyList<EnvironmentRecord>> ListAsync() =>
        await db.ReadAsync(s => s.QueryAsync($"SELECT {Columns} FROM environments ORDER BY env", Map));

    public Task<bool> UpsertAsync(EnvironmentRecord environment) => db.WriteAsync(async s =>
    {
        var changed = await s.ExecuteAsync($"INSERT INTO environments ({Columns}) VALUES ($1, $2, $3) " +
                             "ON CONFLICT (env) DO UPDATE SET container_base_url = $2, function_base_url = $3 " +
                             "WHERE environments.container_base_url IS DISTINCT FROM $2 OR environments.function_base_url IS DISTINCT FROM $3",
            environment.Env, environment.ContainerBaseUrl, environment.FunctionBaseUrl) > 0;
        if (changed)
        {
            await s.NotifyStateAsync(db.Dialect, CachedEnvironmentStore.Topic, environment.Env);
        }
        return changed;
    });

    public Task<bool> DeleteAsync(string env) => db.WriteAsync(async s =>
    {
        var deleted = await s.ExecuteAsync("DELETE FROM environments WHERE env = $1", env) > 0;
        if (deleted)
        {
            await s.NotifyStateAsync(db.Dialect, CachedEnvironmentStore.Topic, env);
        }
        return deleted;
    });

    private static EnvironmentRecord Map(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));
}
