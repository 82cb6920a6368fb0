using Microsoft.Data.Sqlite;
using TcbPush.Server.Credentials;

namespace TcbPush.Server.Storage.Sqlite;

internal sealed class SqliteTokenStore(SqliteDatabase db) : ITokenStore
{
    private const string Columns = "generation, issued_at, expires_at, forced";

    public async Task<IReadOnlyList<TokenGeneration>> RecentAsync(string kind, string subject, DateTimeOffset since) =>
        await db.ReadAsync(c => c.Query(
            $"SELECT {Columns} FROM token_generations WHERE kind = $0 AND subject = $1 " +
            "AND (issued_at >= $2 OR generation = (SELECT MAX(generation) FROM token_generations WHERE kind = $0 AND subject = $1)) " +
            "ORDER BY generation DESC", Map, kind, subject, since.ToUnixTimeMilliseconds()));

    public Task<TokenIssue> IssueAsync(string kind, string subject, DateTimeOffset forcedSince, Func<TokenHistory, TokenDecision> decide) =>
        db.WriteAsync(c =>
        {
            var latest = c.Query($"SELECT {Columns} FROM token_generations WHERE kind = $0 AND subject = $1 ORDER BY generation DESC LIMIT 1",
                Map, kind, subject).SingleOrDefault();
            var forced = c.Query("SELECT COUNT(*), MAX(issued_at) FROM token_generations WHERE kind = $0 AND subject = $1 AND forced = 1 AND issued_at >= $2",
                r => (Count: r.GetInt32(0), Last: r.IsDBNull(1) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1))),
                kind, subject, forcedSince.ToUnixTimeMilliseconds()).Single();
            var decision = decide(new TokenHistory(latest, forced.Count, forced.Last));
            if (decision.RefusedWith != 0)
            {
                return new TokenIssue(null, decision.RefusedWith);
            }
            if (decision.IssueAt is not { } issuedAt || decision.ExpiresAt is not { } expiresAt)
            {
                return new TokenIssue(latest, 0);
            }
            var issued = new TokenGeneration((latest?.Generation ?? 0) + 1, issuedAt, expiresAt, decision.Forced);
            c.Execute($"INSERT INTO token_generations (kind, subject, {Columns}) VALUES ($0, $1, $2, $3, $4, $5)",
                kind, subject, issued.Generation, issuedAt.ToUnixTimeMilliseconds(), expiresAt.ToUnixTimeMilliseconds(), issued.Forced ? 1 : 0);
            return new TokenIssue(issued, 0);
        });

    public Task RevokeAllAsync(string kind, string subject) =>
        db.WriteAsync(c => c.Execute("DELETE FROM token_generations WHERE kind = $0 AND subject = $1", kind, subject));

    private static TokenGeneration Map(SqliteDataReader r) => new(r.GetInt64(0),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetInt64(3) != 0);
}
