using System.Data.Common;
using System.Globalization;
using TcbPush.Server.Component;

namespace TcbPush.Server.Storage;

/// <summary>Authorizations and their one-time codes; a code is consumed by one DELETE … RETURNING, so it works once over all nodes.</summary>
internal sealed class SqlAuthorizationStore(ISqlDatabase db) : IAuthorizationStore
{
    private const string Columns = "component_appid, authorizer_appid, permission_sets, refresh_token_digest, granted_at, revoked_at";
    private const string Find = $"SELECT {Columns} FROM authorizations WHERE component_appid = $1 AND authorizer_appid = $2";
    private readonly string findForUpdate = Find + db.Dialect.ForUpdate;

    public async Task<AuthorizationRecord?> FindAsync(string componentAppId, string authorizerAppId) =>
        (await db.ReadAsync(s => s.QueryAsync(Find, Map, componentAppId, authorizerAppId))).SingleOrDefault();

    public async Task<IReadOnlyList<AuthorizationRecord>> ListAsync() =>
        await db.ReadAsync(s => s.QueryAsync($"SELECT {Columns} FROM authorizations ORDER BY component_appid, authorizer_appid", Map));

    public Task<bool> GrantAsync(AuthorizationRecord grant) => db.WriteAsync(s => GrantAsync(s, grant));

    public Task<bool> RevokeAsync(string componentAppId, string authorizerAppId, DateTimeOffset at) => db.WriteAsync(async s =>
        await s.ExecuteAsync(
            "UPDATE authorizations SET revoked_at = $3 WHERE component_appid = $1 AND authorizer_appid = $2 AND revoked_at IS NULL",
            componentAppId, authorizerAppId, at.ToUnixTimeMilliseconds()) > 0);

    public Task AddCodeAsync(AuthorizationCode code, DateTimeOffset now) => db.WriteAsync(async s =>
    {
        await s.ExecuteAsync("DELETE FROM authorization_codes WHERE expires_at <= $1", now.ToUnixTimeMilliseconds());
        return await s.ExecuteAsync(
            "INSERT INTO authorization_codes (code_digest, component_appid, authorizer_appid, permission_sets, expires_at) " +
            "VALUES ($1, $2, $3, $4, $5)",
            code.CodeDigest, code.ComponentAppId, code.AuthorizerAppId, Format(code.PermissionSets), code.ExpiresAt.ToUnixTimeMilliseconds());
    });

    public Task<AuthorizationRecord?> RedeemCodeAsync(string componentAppId, byte[] codeDigest, byte[] refreshTokenDigest, DateTimeOffset now) =>
        db.WriteAsync<AuthorizationRecord?>(async s =>
        {
            var codes = await s.QueryAsync("DELETE FROM authorization_codes WHERE code_digest = $1 AND component_appid = $2 " +
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
            await GrantAsync(s, grant);
            return grant;
        });

    private async ValueTask<bool> GrantAsync(ISqlSession s, AuthorizationRecord grant)
    {
        var existing = (await s.QueryAsync(findForUpdate, Map, grant.ComponentAppId, grant.AuthorizerAppId)).SingleOrDefault();
        if (existing is { IsActive: true } && existing.PermissionSets.SequenceEqual(grant.PermissionSets) &&
            existing.RefreshTokenDigest.AsSpan().SequenceEqual(grant.RefreshTokenDigest))
        {
            return false;
        }
        await s.ExecuteAsync($"INSERT INTO authorizations ({Columns}) VALUES ($1, $2, $3, $4, $5, NULL) " +
                             "ON CONFLICT (component_appid, authorizer_appid) DO UPDATE SET permission_sets = $3, refresh_token_digest = $4, " +
                             "granted_at = $5, revoked_at = NULL",
            grant.ComponentAppId, grant.AuthorizerAppId, Format(grant.PermissionSets), grant.RefreshTokenDigest,
            grant.GrantedAt.ToUnixTimeMilliseconds());
        return true;
    }

    private static AuthorizationRecord Map(DbDataReader r) => new(r.GetString(0), r.GetString(1), Parse(r.GetString(2)),
        r.GetBlob(3), r.GetTime(4), r.GetNullableTime(5));

    // Permission sets are stored as "18,49".
    private static string Format(IReadOnlyList<int> sets) => string.Join(',', sets.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    private static int[] Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
