using Microsoft.Data.Sqlite;
using TcbPush.Server.Apps;
using TcbPush.Server.Secrets;

namespace TcbPush.Server.Storage.Sqlite;

internal sealed class SqliteAppStore(SqliteDatabase db, SecretBox secrets) : IAppStore
{
    private const string Columns = "appid, secret_hash, message_token, encoding_aes_key, kind";

    public Task<AppRecord?> FindAsync(string appId) =>
        db.ReadAsync(c => c.Query($"SELECT {Columns} FROM apps WHERE appid = $0", Map, appId).SingleOrDefault());

    public async Task<IReadOnlyList<AppRecord>> ListAsync() =>
        await db.ReadAsync(c => c.Query($"SELECT {Columns} FROM apps ORDER BY appid", Map));

    public Task<bool> UpsertAsync(AppRecord app) => db.WriteAsync(c =>
    {
        var existing = c.Query($"SELECT {Columns} FROM apps WHERE appid = $0", Map, app.AppId).SingleOrDefault();
        if (existing is not null && existing.SecretHash.AsSpan().SequenceEqual(app.SecretHash) &&
            existing.MessageToken == app.MessageToken && existing.EncodingAesKey == app.EncodingAesKey && existing.Kind == app.Kind)
        {
            return false;
        }
        c.Execute($"INSERT INTO apps ({Columns}) VALUES ($0, $1, $2, $3, $4) " +
                  "ON CONFLICT (appid) DO UPDATE SET secret_hash = $1, message_token = $2, encoding_aes_key = $3, kind = $4",
            app.AppId, app.SecretHash, Seal(app.MessageToken), Seal(app.EncodingAesKey), app.Kind);
        return true;
    });

    public Task<bool> DeleteAsync(string appId) =>
        db.WriteAsync(c => c.Execute("DELETE FROM apps WHERE appid = $0", appId) > 0);

    private byte[]? Seal(string? value) => value is null ? null : secrets.Seal(value);

    private AppRecord Map(SqliteDataReader r)
    {
        var token = r.GetNullableBytes(2);
        var aesKey = r.GetNullableBytes(3);
        return new AppRecord(r.GetString(0), (byte[])r.GetValue(1),
            token is null ? null : secrets.Open(token), aesKey is null ? null : secrets.Open(aesKey), r.GetString(4));
    }
}
