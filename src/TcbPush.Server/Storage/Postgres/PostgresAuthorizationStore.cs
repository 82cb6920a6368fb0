using System.Globalization;
using Npgsql;
using TcbPush.Server.Component;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>Authorizations and their one-time codes; a code is consumed by one DELETE … RETURNING, so it works once over all nodes.</summary>
internal sealed class PostgresAuthorizationStore(PostgresDatabase db) : IAuthorizationStore
{
    private const string Columns = "component_appid, authorizer_appid, permission_sets, refresh_token_digest, granted_at, revoked_at";

    public Task<AuthorizationRecord?> FindAsync(string componentAppId, string authorizerAppId) =>
        db.ReadAsync(c => FindAsync(c, componentAppId, authorizerAppId, lockRow: false));

    public async Task<IReadOnlyList<AuthorizationRecord>> ListAsync() =>
        await db.ReadAsync(c => c.QueryAsync($"SELECT {Columns} FROM authorizations ORDER BY component_appid, authorizer_appid", Map));

    public Task<bool> GrantAsync(AuthorizationRecord grant) => db.WriteAsync(c => GrantAsync(c, grant));

    public Task<bool> RevokeAsync(string componentAppId, string authorizerAppId, DateTimeOffset at) => db.WriteAsync(async c =>
        await c.ExecuteAsync(
            "UPDATE authorizations SET revoked_at = $3 WHERE component_appid = $1 AND authorizer_appid = $2 AND revoked_at IS NULL",
            componentAppId, authorizerAppId, at.ToUnixTimeMilliseconds()) > 0);

    public Task AddCodeAsync(AuthorizationCode code, DateTimeOffset now) => db.WriteAsync(async c =>
    {
        await c.ExecuteAsync("DELETE FROM authorization_codes WHERE expires_at <= $1", now.ToUnixTimeMilliseconds());
        return await c.ExecuteAsync(
            "INSERT INTO authorization_codes (code_digest, component_appid, authorizer_appid, permission_sets, expires_at) " +
            "VALUES ($1, $2, $3, $4, $5)",
            code.CodeDigest, code.ComponentAppId, code.AuthorizerAppId, Format(code.PermissionSets), code.ExpiresAt.ToUnixTimeMilliseconds());
    });

    public Task<AuthorizationRecord?> RedeemCodeAsync(string componentAppId, byte[] codeDigest, byte[] refreshTokenDigest, DateTimeOffset now) =>
        db.WriteAsync<AuthorizationRecord?>(async c =>
        {
            var codes = await c.QueryAsync("DELETE FROM authorization_codes WHERE code_digest = $1 AND component_appid = $2 " +
                                           "RETURNING authorizer_appid, permission_sets, expires_at",
                r => (AuthorizerAppId: r.GetString(0), PermissionSets: Parse(r.GetString(1)), ExpiresAt: r.GetInt64(2)),
                codeDigest, componentAppId);
            if (codes.Count == 0)
            {
                return null;
            }
            var code = codes[0];
            if (code.ExpiresAt <= now.ToUnixTimeMilliseconds())
            {
                return null;
            }
            var grant = new AuthorizationRecord(componentAppId, code.AuthorizerAppId, code.PermissionSets, refreshTokenDigest, now, null);
            await GrantAsync(c, grant);
            return grant;
        });

    private static async Task<bool> GrantAsync(NpgsqlConnection c, AuthorizationRecord grant)
    {
        var existing = await FindAsync(c, grant.ComponentAppId, grant.AuthorizerAppId, lockRow: true);
        if (existing is { IsActive: true } && existing.PermissionSets.SequenceEqual(grant.PermissionSets) &&
            existing.RefreshTokenDigest.AsSpan().SequenceEqual(grant.RefreshTokenDigest))
        {
            return false;
        }
        await c.ExecuteAsync($"INSERT INTO authorizations ({Columns}) VALUES ($1, $2, $3, $4, $5, NULL) " +
                             "ON CONFLICT (component_appid, authorizer_appid) DO UPDATE SET permission_sets = $3, refresh_token_digest = $4, " +
                             "granted_at = $5, revoked_at = NULL",
            grant.ComponentAppId, grant.AuthorizerAppId, Format(grant.PermissionSets), grant.RefreshTokenDigest,
            grant.GrantedAt.ToUnixTimeMilliseconds());
        return true;
    }

    private static async Task<AuthorizationRecord?> FindAsync(NpgsqlConnection c, string componentAppId, string authorizerAppId, bool lockRow) =>
        (await c.QueryAsync(lockRow
                ? $"SELECT {Columns} FROM authorizations WHERE component_appid = $1 AND authorizer_appid = $2 FOR UPDATE"
                : $"SELECT {Columns} FROM authorizations WHERE component_appid = $1 AND authorizer_appid = $2",
            Map, componentAppId, authorizerAppId)).SingleOrDefault();

    private static AuthorizationRecord Map(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), Parse(r.GetString(2)),
        (byte[])r.GetValue(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        r.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)));

    // Permission sets are stored as "18,49", as in SQLite.
    private static string Format(IReadOnlyList<int> sets) => string.Join(',', sets.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    private static int[] Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
