using Npgsql;
using TcbPush.Server.Apps;
using TcbPush.Server.Secrets;

namespace TcbPush.Server.Storage.Postgres;

internal sealed class PostgresAppStore(PostgresDatabase db, SecretBox secrets) : IAppStore
{
    private const string Columns = "appid, secret_hash, message_token, encoding_aes_key, kind";

    public Task<AppRecord?> FindAsync(string appId) => db.ReadAsync(c => FindAsync(c, appId, lockRow: false));

    public async Task<IReadOnlyList<AppRecord>> ListAsync() =>
        await db.ReadAsync(c => c.QueryAsync($"SELECT {Columns} FROM apps ORDER BY appid", Map));

    public Task<bool> UpsertAsync(AppRecord app) => db.WriteAsync(async c =>
    {
        var existing = await FindAsync(c, app.AppId, lockRow: true);
        if (existing is not null && existing.SecretHash.AsSpan().SequenceEqual(app.SecretHash) &&
            existing.MessageToken == app.MessageToken && existing.EncodingAesKey == app.EncodingAesKey && existing.Kind == app.Kind)
        {
            return false;
        }
        await c.ExecuteAsync($"INSERT INTO apps ({Columns}) VALUES ($1, $2, $3, $4, $5) " +
                             "ON CONFLICT (appid) DO UPDATE SET secret_hash = $2, message_token = $3, encoding_aes_key = $4, kind = $5",
            app.AppId, app.SecretHash, Seal(app.MessageToken), Seal(app.EncodingAesKey), app.Kind);
        return true;
    });

    public Task<bool> DeleteAsync(string appId) =>
        db.WriteAsync(async c => await c.ExecuteAsync("DELETE FROM apps WHERE appid = $1", appId) > 0);

    private async Task<AppRecord?> FindAsync(NpgsqlConnection c, string appId, bool lockRow) =>
        (await c.QueryAsync(lockRow ? $"SELECT {Columns} FROM apps WHERE appid = $1 FOR UPDATE" : $"SELECT {Columns} FROM apps WHERE appid = $1",
            Map, appId)).SingleOrDefault();

    private byte[]? Seal(string? value) => value is null ? null : secrets.Seal(value);

    private AppRecord Map(NpgsqlDataReader r)
    {
        var token = r.GetNullableBytes(2);
        var aesKey = r.GetNullableBytes(3);
        return new AppRecord(r.GetString(0), (byte[])r.GetValue(1),
            token is null ? null : secrets.Open(token), aesKey is null ? null : secrets.Open(aesKey), r.GetString(4));
    }
}
