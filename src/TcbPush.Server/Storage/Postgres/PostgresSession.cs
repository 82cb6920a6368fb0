using System.Data.Common;
using Npgsql;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>Statements on a pooled PostgreSQL connection (in a write, inside its transaction).</summary>
internal sealed class PostgresSession(NpgsqlConnection connection) : ISqlSession
{
    public ValueTask<int> ExecuteAsync(string sql, params object?[] args) => new(connection.ExecuteAsync(sql, args));

    public ValueTask<long> Int64Async(string sql, params object?[] args) => new(connection.Int64Async(sql, args));

    public ValueTask<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, params object?[] args) =>
        new(connection.QueryAsync(sql, map, args));
}
