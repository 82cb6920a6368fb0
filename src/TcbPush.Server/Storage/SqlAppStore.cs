using System.Data.Common;
using TcbPush.Server.Apps;
using TcbPush.Server.Credentials;
using TcbPush.Server.Secrets;

namespace TcbPush.Server.Storage;

/// <summary>Apps, with their message token and AES key sealed by the secret box.</summary>
internal sealed class SqlAppStore(ISqlDatabase db, SecretBox secrets) : IAppStore
{
    private const string Columns = "appid, secret_hash, message_token, encoding_aes_key, kind";
    private const string Find = $"SELECT {Columns} FROM apps WHERE appid = $1";
    private readonly string findForUpdate = Find + db.Dialect.ForUpdate;

    public async Task<AppRecord?> FindAsync(string appId) =>
        (await db.ReadAsync(s => s.QueryAsync(Find, Map, appId))).SingleOrDefault();

    public async Task<IReadOnlyList<AppRecord>> ListAsync() =>
        await db.ReadAsync(s => s.QueryAsync($"SELECT {Columns} FROM apps ORDER BY appid", Map));

    public Task<bool> UpsertAsync(AppRecord app) => db.WriteAsync(async s =>
    {
        var existing = (await s.QueryAsync(findForUpdate, Map, app.AppId)).SingleOrDefault();
        if (existing is not null && existing.SecretHash.AsSpan().SequenceEqual(app.SecretHash) &&
            existing.MessageToken == app.MessageToken && existing.EncodingAesKey == app.EncodingAesKey && existing.Kind == app.Kind)
        {
            return false;
        }
        await s.ExecuteAsync($"INSERT INTO apps ({Columns}) VALUES ($1, $2, $3, $4, $5) " +
                             "ON CONFLICT (appid) DO UPDATE SET secret_hash = $2, message_token = $3, encoding_aes_key = $4, kind = $5",
            app.AppId, app.SecretHash, Seal(app.MessageToken), Seal(app.EncodingAesKey), app.Kind);
        await s.NotifyStateAsync(db.Dialect, CachedAppStore.Topic, app.AppId);
        return true;
    });

    /// <summary>
    /// Deletes the app and revokes its app, stable and cloud-call tokens in the same commit: were they two writes, a crash between
    /// them would leave tokens that the app's next registration brings back to life.
    /// </summary>
    public Task<bool> DeleteAsync(string appId) => db.WriteAsync(async s =>
    {
        // The subject locks first, as a token issue takes them (then the app row): no lock-order cycle on PostgreSQL.
        await SqlTokenStore.RevokeAllAsync(s, db.Dialect, nameof(TokenKind.App), appId);
        await SqlTokenStore.RevokeAllAsync(s, db.Dialect, nameof(TokenKind.Stable), appId);
        await SqlTokenStore.RevokeAllAsync(s, db.Dialect, nameof(TokenKind.CloudCall), appId);
        var deleted = await s.ExecuteAsync("DELETE FROM apps WHERE appid = $1", appId) > 0;
        if (deleted)
        {
            await s.NotifyStateAsync(db.Dialect, CachedAppStore.Topic, appId);
        }
        return deleted;
    });

    private byte[]? Seal(string? value) => value is null ? null : secrets.Seal(value);

    private AppRecord Map(DbDataReader r)
    {
        var token = r.GetNullableBytes(2);
        var aesKey = r.GetNullableBytes(3);
        return new AppRecord(r.GetString(0), r.GetBlob(1),
            token is null ? null : secrets.Open(token), aesKey is null ? null : secrets.Open(aesKey), r.GetString(4));
    }
}
