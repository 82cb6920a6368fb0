using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Secrets;

namespace TcbPush.Server.Storage.Sqlite;

/// <summary>
/// The SQLite file in the data folder: WAL, <c>synchronous=FULL</c>, numbered migrations applied at start,
/// one group-committing writer and pooled reader connections.
/// </summary>
internal sealed class SqliteDatabase : ISqlDatabase
{
    private readonly string connectionString;
    private readonly string? dataDirectory;

    /// <summary>The writer connection's prepared statements.</summary>
    private readonly PreparedStatements prepared = new();

    private SqliteDatabase(string connectionString, string? dataDirectory, SqliteWriteQueue writer)
    {
        this.connectionString = connectionString;
        this.dataDirectory = dataDirectory;
        Writer = writer;
    }

    public SqliteWriteQueue Writer { get; }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public static SqliteDatabase Open(string dataDirectory, ILogger logger, WriterMetrics? metrics = null)
    {
        PrivateFile.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "tcbpush.db");
        PrivateFile.EnsureExists(path);
        return Open(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString(), dataDirectory, logger, metrics);
    }

    /// <summary>
    /// <c>--in-memory</c>: a private shared-cache memory database that lives as long as the writer connection; nothing
    /// is written to disk.
    /// </summary>
    public static SqliteDatabase OpenInMemory(ILogger logger, WriterMetrics? metrics = null) => Open(new SqliteConnectionStringBuilder
    {
        DataSource = "tcbpush-" + Guid.NewGuid().ToString("N"),
        Mode = SqliteOpenMode.Memory,
        Cache = SqliteCacheMode.Shared,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString(), dataDirectory: null, logger, metrics);

    private static SqliteDatabase Open(string connectionString, string? dataDirectory, ILogger logger, WriterMetrics? metrics)
    {
        var writer = new SqliteConnection(connectionString);
        writer.Open();
        writer.Execute("PRAGMA journal_mode=WAL");
        writer.Execute("PRAGMA synchronous=FULL");
        writer.Execute("PRAGMA busy_timeout=30000");
        writer.Execute("PRAGMA foreign_keys=ON");
        Migrate(writer, logger);
        return new SqliteDatabase(connectionString, dataDirectory, new SqliteWriteQueue(writer, logger, metrics));
    }

    /// <summary>Runs a read on a pooled connection of its own, synchronously.</summary>
    public Task<T> ReadAsync<T>(Func<ISqlSession, ValueTask<T>> read)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        connection.Execute("PRAGMA busy_timeout=30000");
        return Task.FromResult(SqliteSession.Result(read(new SqliteSession(connection, prepared: null))));
    }

    /// <summary>Runs a write on the writer connection, in a savepoint of the next group commit; completes after that COMMIT.</summary>
    public Task<T> WriteAsync<T>(Func<ISqlSession, ValueTask<T>> write) =>
        Writer.WriteAsync(c => SqliteSession.Result(write(new SqliteSession(c, prepared))));

    /// <summary>Runs a write in a savepoint of the next group commit; completes as soon as it ran, before that COMMIT.</summary>
    public Task<T> WriteWithoutWaitingForDiskAsync<T>(Func<ISqlSession, ValueTask<T>> write) =>
        Writer.WriteAsync(c => SqliteSession.Result(write(new SqliteSession(c, prepared))), waitForCommit: false);

    public async Task ProbeWriteAsync(DateTimeOffset now)
    {
        await SqlNodeSettings.WriteReadinessProbeAsync(this, now);
        if (dataDirectory is null)
        {
            return;
        }
        // A deleted or read-only data folder still lets the open database file be written; the next start would fail.
        var probe = Path.Combine(dataDirectory, ".readyz-probe");
        await using (var file = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
        {
            await file.WriteAsync(System.Text.Encoding.ASCII.GetBytes(now.ToString("O", CultureInfo.InvariantCulture)));
        }
        File.Delete(probe);
    }

    public Task<string> RecordMasterKeyFingerprintAsync(string fingerprint) => SqlNodeSettings.RecordMasterKeyFingerprintAsync(this, fingerprint);

    private static void Migrate(SqliteConnection connection, ILogger logger)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        var applied = connection.Query("SELECT version FROM schema_migrations", r => r.GetInt64(0)).ToHashSet();
        foreach (var (version, sql) in EmbeddedMigrations.For("Sqlite"))
        {
            if (applied.Contains(version))
            {
                continue;
            }
            connection.Execute("BEGIN IMMEDIATE");
            try
            {
                connection.Execute(sql);
                connection.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                    version, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                connection.Execute("COMMIT");
            }
            catch
            {
                connection.Execute("ROLLBACK");
                throw;
            }
            logger.LogInformation("Applied SQLite migration {Version}", version);
        }
    }

    public ValueTask DisposeAsync() => Writer.DisposeAsync();
}
