using System.Data.Common;
using Npgsql;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// Statements on a pooled PostgreSQL connection (in a write, inside its transaction), and the notifications to send
/// once that transaction has committed.
/// </summary>
internal sealed class PostgresSession(NpgsqlConnection connection) : ISqlSession
{
    private readonly List<(string Channel, string Payload)> notifications = [];

    /// <summary>What <see cref="NotifyAfterCommit"/> asked for, for the database to post after the COMMIT.</summary>
    public IReadOnlyCollection<(string Channel, string Payload)> Notifications => notifications;

    public void NotifyAfterCommit(string channel, string payload) => notifications.Add((channel, payload));

    public ValueTask<int> ExecuteAsync(string sql, params object?[] args) => new(connection.ExecuteAsync(sql, args));

    public ValueTask<long> Int64Async(string sql, params object?[] args) => new(connection.Int64Async(sql, args));

    public ValueTask<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, params object?[] args) =>
        new(connection.QueryAsync(sql, map, args));
}
