using Microsoft.Data.Sqlite;

namespace TcbPush.Server.Storage.Sqlite;

/// <summary>Parameterised one-liners over a connection; parameters are named <c>$0</c>, <c>$1</c>, ….</summary>
internal static class SqliteCommands
{
    public static int Execute(this SqliteConnection connection, string sql, params object?[] args)
    {
        using var command = Prepare(connection, sql, args);
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this SqliteConnection connection, string sql, params object?[] args)
    {
        using var command = Prepare(connection, sql, args);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<T> Query<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params object?[] args)
    {
        using var command = Prepare(connection, sql, args);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, object?[] args)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL text is always a constant of ours; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), args[i] ?? DBNull.Value);
        }
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static byte[]? GetNullableBytes(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);
}
