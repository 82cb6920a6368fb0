using System.Data.Common;

namespace TcbPush.Server.Storage;

/// <summary>
/// Parameterised statements on one connection (in a write, inside its transaction). Parameters are <c>$1</c>,
/// <c>$2</c>, … in the order of <c>args</c>; a null is SQL NULL. SQLite's session completes every call synchronously.
/// </summary>
internal interface ISqlSession
{
    /// <summary>Runs a statement; returns the number of rows it changed.</summary>
    ValueTask<int> ExecuteAsync(string sql, params object?[] args);

    /// <summary>Runs a statement that returns one integer (e.g. <c>INSERT … RETURNING id</c>).</summary>
    ValueTask<long> Int64Async(string sql, params object?[] args);

    ValueTask<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, params object?[] args);

    /// <summary>
    /// Has every node's listeners notified on <paramref name="channel"/> with <paramref name="payload"/> once this write
    /// has committed (PostgreSQL, coalesced: see <c>PostgresNotifier</c>); never for a write that rolls back. SQLite's
    /// one node has no other node to tell: nothing.
    /// </summary>
    void NotifyAfterCommit(string channel, string payload)
    {
    }
}
