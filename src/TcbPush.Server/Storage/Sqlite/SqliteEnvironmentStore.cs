using Microsoft.Data.Sqlite;
using TcbPush.Server.Apps;

namespace TcbPush.Server.Storage.Sqlite;

internal sealed class SqliteEnvironmentStore(SqliteDatabase db) : IEnvironmentStore
{
    private const string Columns = "env, container_base_url, function_base_url";

    public Task<EnvironmentRecord?> FindAsync(string env) =>
        db.ReadAsync(c => c.Query($"SELECT {Columns} FROM environments WHERE env = $0", Map, env).SingleOrDefault());

    public async Task<IReadOnlyList<EnvironmentRecord>> ListAsync() =>
        await db.ReadAsync(c => c.Query($"SELECT {Columns} FROM environments ORDER BY env", Map));

    public Task<bool> UpsertAsync(EnvironmentRecord environment) => db.WriteAsync(c =>
        c.Execute($"INSERT INTO environments ({Columns}) VALUES ($0, $1, $2) " +
                  "ON CONFLICT (env) DO UPDATE SET container_base_url = $1, function_base_url = $2 " +
                  "WHERE container_base_url IS NOT $1 OR function_base_url IS NOT $2",
            environment.Env, environment.ContainerBaseUrl, environment.FunctionBaseUrl) > 0);

    public Task<bool> DeleteAsync(string env) =>
        db.WriteAsync(c => c.Execute("DELETE FROM environments WHERE env = $0", env) > 0);

    private static EnvironmentRecord Map(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));
}
