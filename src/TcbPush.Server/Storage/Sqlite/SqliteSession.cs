using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TcbPush.Server.Storage.Sqlite;

/// <summary>
/// Statements on a SQLite connection, run synchronously (the calls return completed tasks): on the writer connection
/// through its <see cref="PreparedStatements"/>, on a reader connection as one-off commands.
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection, PreparedStatements? prepared) : ISqlSession
{
    public ValueTask<int> ExecuteAsync(string sql, params object?[] args) =>
        ValueTask.FromResult(prepared?.Execute(connection, sql, args) ?? connection.Execute(sql, args));

    public ValueTask<long> Int64Async(string sql, params object?[] args) =>
        ValueTask.FromResult(prepared?.Int64(connection, sql, args) ?? connection.Int64(sql, args));

    public ValueTask<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, params object?[] args) =>
        ValueTask.FromResult(prepared?.Query(connection, sql, map, args) ?? connection.Query(sql, map, args));

    /// <summary>The result of work that ran on a SQLite session, which never waits: it has completed already.</summary>
    public static T Result<T>(ValueTask<T> work) => work.IsCompleted
        ? work.GetAwaiter().GetResult()
        : throw new InvalidOperationException("work on a SQLite session must complete synchronously");
}
