using System.Data.Common;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;

namespace TcbPush.Server.Storage;

/// <summary>
/// Token generations. An issue reads the history and commits the new generation in one write; issues for one subject
/// take turns (SQLite's one writer; on PostgreSQL a transaction-scoped advisory lock on (kind, subject), see
/// <see cref="SqlDialect.LockSubject"/>).
/// </summary>
internal sealed class SqlTokenStore(ISqlDatabase db) : ITokenStore
{
    private const string Columns = "generation, issued_at, expires_at, forced, revoked";
    private const string Latest = "(SELECT MAX(generation) FROM token_generations WHERE kind = $1 AND subject = $2)";

    public async Task<IReadOnlyList<TokenGeneration>> RecentAsync(string kind, string subject, DateTimeOffset since) =>
        await db.ReadAsync(s => s.QueryAsync(
            $"SELECT {Columns} FROM token_generations WHERE kind = $1 AND subject = $2 " +
            $"AND (issued_at >= $3 OR revoked OR generation = {Latest}) " +
            "ORDER BY generation DESC", Map, kind, subject, since.ToUnixTimeMilliseconds()));

    public Task<TokenIssue> IssueAsync(string kind, string subject, DateTimeOffset forcedSince, Func<TokenHistory, TokenDecision> decide,
        string? appId = null) =>
        db.WriteAsync(async s =>
        {
            await LockSubjectAsync(s, db.Dialect, kind, subject);
            if (appId is not null &&
                (await s.QueryAsync("SELECT 1 FROM apps WHERE appid = $1" + db.Dialect.ForUpdate, _ => true, appId)).Count == 0)
            {
                return new TokenIssue(null, ErrCode.InvalidAppId);
            }
            var latest = (await s.QueryAsync(
                $"SELECT {Columns} FROM token_generations WHERE kind = $1 AND subject = $2 ORDER BY generation DESC LIMIT 1",
                Map, kind, subject)).SingleOrDefault();
            var forced = (await s.QueryAsync(
                "SELECT COUNT(*), MAX(issued_at) FROM token_generations WHERE kind = $1 AND subject = $2 AND forced AND issued_at >= $3",
                r => (Count: (int)r.GetInt64(0), Last: r.GetNullableTime(1)),
                kind, subject, forcedSince.ToUnixTimeMilliseconds())).Single();
            var decision = decide(new TokenHistory(latest is { Revoked: true } ? null : latest, forced.Count, forced.Last));
            if (decision.RefusedWith != 0)
            {
                return new TokenIssue(null, decision.RefusedWith);
            }
            if (decision.IssueAt is not { } issuedAt || decision.ExpiresAt is not { } expiresAt)
            {
                return new TokenIssue(latest, 0);
            }
            var issued = new TokenGeneration((latest?.Generation ?? 0) + 1, issuedAt, expiresAt, decision.Forced);
            await s.ExecuteAsync($"INSERT INTO token_generations (kind, subject, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                kind, subject, issued.Generation, issuedAt.ToUnixTimeMilliseconds(), expiresAt.ToUnixTimeMilliseconds(), issued.Forced, false);
            return new TokenIssue(issued, 0);
        });

    public Task RevokeAllAsync(string kind, string subject) =>
        db.WriteAsync(async s => await RevokeAllAsync(s, db.Dialect, kind, subject));

    /// <summary>Inside a write: keeps only the latest generation of (kind, subject), marked revoked.</summary>
    public static async ValueTask<int> RevokeAllAsync(ISqlSession s, SqlDialect dialect, string kind, string subject)
    {
        await LockSubjectAsync(s, dialect, kind, subject);
        await s.ExecuteAsync($"DELETE FROM token_generations WHERE kind = $1 AND subject = $2 AND generation < {Latest}", kind, subject);
        return await s.ExecuteAsync($"UPDATE token_generations SET revoked = $3 WHERE kind = $1 AND subject = $2 AND generation = {Latest}",
            kind, subject, true);
    }

    private static async ValueTask LockSubjectAsync(ISqlSession s, SqlDialect dialect, string kind, string subject)
    {
        if (dialect.LockSubject is { } lockSubject)
        {
            await s.ExecuteAsync(lockSubject, kind, subject);
        }
    }

    private static TokenGeneration Map(DbDataReader r) => new(r.GetInt64(0), r.GetTime(1), r.GetTime(2), r.GetBoolean(3), r.GetBoolean(4));
}
