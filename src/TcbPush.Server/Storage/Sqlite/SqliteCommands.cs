using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TcbPush.Server.Storage.Sqlite;

/// <summary>Parameterised one-liners over a connection; parameters are named <c>$1</c>, <c>$2</c>, … (see <see cref="ISqlSession"/>).</summary>
internal static class SqliteCommands
{
    public static int Execute(this SqliteConnection connection, string sql, params object?[] args)
    {
        using var command = Prepare(connection, sql, args);
        return command.ExecuteNonQuery();
    }

    public static long Int64(this SqliteConnection connection, string sql, params object?[] args)
    {
        using var command = Prepare(connection, sql, args);
        return (long)command.ExecuteScalar()!;
    }

    public static List<T> Query<T>(this SqliteConnection connection, string sql, Func<DbDataReader, T> map, params object?[] args)
    {
        using var command = Prepare(connection, sql, args);
        using var reader = command.ExecuteReader();
        return reader.ReadAll(map);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, object?[] args)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL text is always a constant of ours; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), args[i] ?? DBNull.Value);
        }
        return command;
    }
}
