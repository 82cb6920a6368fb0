using System.Globalization;
using System.Reflection;

namespace TcbPush.Server.Storage;

/// <summary>A backend's numbered schema migrations: the embedded resources <c>Storage/BACKEND/Migrations/NNNN_name.sql</c>.</summary>
internal static class EmbeddedMigrations
{
    /// <summary>The migrations of <paramref name="backend"/> (<c>Sqlite</c> or <c>Postgres</c>), in number order.</summary>
    public static IEnumerable<(long Version, string Sql)> For(string backend)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var marker = $".Storage.{backend}.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.Contains(marker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[(name.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
                var version = long.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (version, reader.ReadToEnd());
            })
            .OrderBy(m => m.version);
    }
}
