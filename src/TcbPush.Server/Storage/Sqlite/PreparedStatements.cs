using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace TcbPush.Server.Storage.Sqlite;

/// <summary>
/// Statements prepared once per connection and reused, for the hot statements of the one writer connection:
/// preparing costs as much as running a small insert. Parameters are named <c>$1</c>, <c>$2</c>, … as in
/// <see cref="SqliteCommands"/>. Only for a connection used by one caller at a time. The statements are the stores'
/// constant texts, so the cache stays small.
/// </summary>
internal sealed class PreparedStatements
{
    private readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> cache = [];

    public int Execute(SqliteConnection connection, string sql, params object?[] args) => Bind(connection, sql, args).ExecuteNonQuery();

    public long Int64(SqliteConnection connection, string sql, params object?[] args) => (long)Bind(connection, sql, args).ExecuteScalar()!;

    public List<T> Query<T>(SqliteConnection connection, string sql, Func<DbDataReader, T> map, params object?[] args)
    {
        using var reader = Bind(connection, sql, args).ExecuteReader();
        return reader.ReadAll(map);
    }

    private SqliteCommand Bind(SqliteConnection connection, string sql, object?[] args)
    {
        var commands = cache.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL text is always a constant of ours; values go through parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            for (var i = 0; i < args.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), DBNull.Value));
            }
            command.Prepare();
            commands[sql] = command;
        }
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters[i].ResetSqliteType();
            command.Parameters[i].Value = args[i] ?? DBNull.Value;
        }
        return command;
    }
}
