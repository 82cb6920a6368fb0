using System.Data.Common;
using Npgsql;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// Parameterised one-liners over a connection; parameters are positional, <c>$1</c>, <c>$2</c>, …. A connection with
/// a transaction open runs them in it.
/// </summary>
internal static class PostgresCommands
{
    public static int Execute(this NpgsqlConnection connection, string sql, params object?[] args)
    {
        using var command = Prepare(connection, sql, args);
        return command.ExecuteNonQuery();
    }

    public static List<T> Query<T>(this NpgsqlConnection connection, string sql, Func<DbDataReader, T> map, params object?[] args)
    {
        using var command = Prepare(connection, sql, args);
        using var reader = command.ExecuteReader();
        return reader.ReadAll(map);
    }

    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql, params object?[] args)
    {
        await using var command = Prepare(connection, sql, args);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> Int64Async(this NpgsqlConnection connection, string sql, params object?[] args)
    {
        await using var command = Prepare(connection, sql, args);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<List<T>> QueryAsync<T>(this NpgsqlConnection connection, string sql, Func<DbDataReader, T> map, params object?[] args)
    {
        await using var command = Prepare(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    private static NpgsqlCommand Prepare(NpgsqlConnection connection, string sql, object?[] args)
    {
#pragma warning disable CA2100 // The SQL text is always a constant of ours; values go through parameters.
        var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }
        return command;
    }
}
