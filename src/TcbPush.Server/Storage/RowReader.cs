using System.Data.Common;

namespace TcbPush.Server.Storage;

/// <summary>Reading rows, nullable columns and times (stored as Unix milliseconds) the same way from both backends' readers.</summary>
internal static class RowReader
{
    /// <summary>Every row that remains, each mapped by <paramref name="map"/>.</summary>
    public static List<T> ReadAll<T>(this DbDataReader reader, Func<DbDataReader, T> map)
    {
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static byte[]? GetNullableBytes(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);

    public static byte[] GetBlob(this DbDataReader reader, int ordinal) => (byte[])reader.GetValue(ordinal);

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static int? GetNullableInt32(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableTime(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);
}
