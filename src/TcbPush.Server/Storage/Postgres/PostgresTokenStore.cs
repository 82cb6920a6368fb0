using Npgsql;
using TcbPush.Server.Credentials;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// Token generations. An issue holds a transaction-scoped advisory lock on (kind, subject) from reading the history to
/// committing the new generation, so that issues for one subject on several nodes take turns, as SQLite's one writer does.
/// </summary>
internal sealed class PostgresTokenStore(PostgresDatabase db) : ITokenStore
{
    private const string Columns = "generation, issued_at, expires_at, forced";

    public async Task<IReadOnlyList<TokenGeneration>> RecentAsync(string kind, string subject, DateTimeOffset since) =>
        await db.ReadAsync(c => c.QueryAsync(
            $"SELECT {Columns} FROM token_generations WHERE kind = $1 AND subject = $2 " +
            "AND (issued_at >= $3 OR generation = (SELECT MAX(generation) FROM token_generations WHERE kind = $1 AND subject = $2)) " +
            "ORDER BY generation DESC", Map, kind, subject, since.ToUnixTimeMilliseconds()));

    public Task<TokenIssue> IssueAsync(string kind, string subject, DateTimeOffset forcedSince, Func<TokenHistory, TokenDecision> decide) =>
        db.WriteAsync(async c =>
        {
            await c.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", kind, subject);
            var latest = (await c.QueryAsync(
                $"SELECT {Columns} FROM token_generations WHERE kind = $1 AND subject = $2 ORDER BY generation DESC LIMIT 1",
                Map, kind, subject)).SingleOrDefault();
            var forced = (await c.QueryAsync(
                "SELECT COUNT(*), MAX(issued_at) FROM token_generations WHERE kind = $1 AND subject = $2 AND forced AND issued_at >= $3",
                r => (Count: (int)r.GetInt64(0), Last: r.IsDBNull(1) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1))),
                kind, subject, forcedSince.ToUnixTimeMilliseconds())).Single();
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
            await c.ExecuteAsync($"INSERT INTO token_generations (kind, subject, {Columns}) VALUES ($1, $2, $3, $4, $5, $6)",
                kind, subject, issued.Generation, issuedAt.ToUnixTimeMilliseconds(), expiresAt.ToUnixTimeMilliseconds(), issued.Forced);
            return new TokenIssue(issued, 0);
        });

    public Task RevokeAllAsync(string kind, string subject) =>
        db.WriteAsync(async c =>
        {
            await c.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", kind, subject);
            return await c.ExecuteAsync("DELETE FROM token_generations WHERE kind = $1 AND subject = $2", kind, subject);
        });

    private static TokenGeneration Map(NpgsqlDataReader r) => new(r.GetInt64(0),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetBoolean(3));
}
