using System.Globalization;
using Microsoft.Data.Sqlite;
using TcbPush.Server.Component;

namespace TcbPush.Server.Storage.Sqlite;

internal sealed class SqliteAuthorizationStore(SqliteDatabase db) : IAuthorizationStore
{
    private const string Columns = "component_appid, authorizer_appid, permission_sets, refresh_token_digest, granted_at, revoked_at";

    public Task<AuthorizationRecord?> FindAsync(string componentAppId, string authorizerAppId) =>
        db.ReadAsync(c => Find(c, componentAppId, authorizerAppId));

    public async Task<IReadOnlyList<AuthorizationRecord>> ListAsync() =>
        await db.ReadAsync(c => c.Query($"SELECT {Columns} FROM authorizations ORDER BY component_appid, authorizer_appid", Map));

    public Task<bool> GrantAsync(AuthorizationRecord grant) => db.WriteAsync(c => Grant(c, grant));

    public Task<bool> RevokeAsync(string componentAppId, string authorizerAppId, DateTimeOffset at) => db.WriteAsync(c =>
        c.Execute("UPDATE authorizations SET revoked_at = $2 WHERE component_appid = $0 AND authorizer_appid = $1 AND revoked_at IS NULL",
            componentAppId, authorizerAppId, at.ToUnixTimeMilliseconds()) > 0);

    public Task AddCodeAsync(AuthorizationCode code, DateTimeOffset now) => db.WriteAsync(c =>
    {
        c.Execute("DELETE FROM authorization_codes WHERE expires_at <= $0", now.ToUnixTimeMilliseconds());
        return c.Execute("INSERT INTO authorization_codes (code_digest, component_appid, authorizer_appid, permission_sets, expires_at) " +
                         "VALUES ($0, $1, $2, $3, $4)",
            code.CodeDigest, code.ComponentAppId, code.AuthorizerAppId, Format(code.PermissionSets), code.ExpiresAt.ToUnixTimeMilliseconds());
    });

    public Task<AuthorizationRecord?> RedeemCodeAsync(string componentAppId, byte[] codeDigest, byte[] refreshTokenDigest, DateTimeOffset now) =>
        db.WriteAsync<AuthorizationRecord?>(c =>
        {
            var codes = c.Query("SELECT authorizer_appid, permission_sets, expires_at FROM authorization_codes " +
                                "WHERE code_digest = $0 AND component_appid = $1",
                r => (AuthorizerAppId: r.GetString(0), PermissionSets: Parse(r.GetString(1)), ExpiresAt: r.GetInt64(2)),
                codeDigest, componentAppId);
            if (codes.Count == 0)
            {
                return null;
            }
            var code = codes[0];
            c.Execute("DELETE FROM authorization_codes WHERE code_digest = $0", codeDigest);
            if (code.ExpiresAt <= now.ToUnixTimeMilliseconds())
            {
                return null;
            }
            var grant = new AuthorizationRecord(componentAppId, code.AuthorizerAppId, code.PermissionSets, refreshTokenDigest, now, null);
            Grant(c, grant);
            return grant;
        });

    private static bool Grant(SqliteConnection c, AuthorizationRecord grant)
    {
        var existing = Find(c, grant.ComponentAppId, grant.AuthorizerAppId);
        if (existing is { IsActive: true } && existing.PermissionSets.SequenceEqual(grant.PermissionSets) &&
            existing.RefreshTokenDigest.AsSpan().SequenceEqual(grant.RefreshTokenDigest))
        {
            return false;
        }
        c.Execute($"INSERT INTO authorizations ({Columns}) VALUES ($0, $1, $2, $3, $4, NULL) " +
                  "ON CONFLICT (component_appid, authorizer_appid) DO UPDATE SET permission_sets = $2, refresh_token_digest = $3, " +
                  "granted_at = $4, revoked_at = NULL",
            grant.ComponentAppId, grant.AuthorizerAppId, Format(grant.PermissionSets), grant.RefreshTokenDigest,
            grant.GrantedAt.ToUnixTimeMilliseconds());
        return true;
    }

    private static AuthorizationRecord? Find(SqliteConnection c, string componentAppId, string authorizerAppId) =>
        c.Query($"SELECT {Columns} FROM authorizations WHERE component_appid = $0 AND authorizer_appid = $1",
            Map, componentAppId, authorizerAppId).SingleOrDefault();

    private static AuthorizationRecord Map(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), Parse(r.GetString(2)),
        (byte[])r.GetValue(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        r.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)));

    // Permission sets are stored as "18,49".
    private static string Format(IReadOnlyList<int> sets) => string.Join(',', sets.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    private static int[] Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
