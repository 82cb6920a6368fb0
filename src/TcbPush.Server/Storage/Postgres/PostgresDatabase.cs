using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// A PostgreSQL database shared by every node: pooled connections from one <see cref="NpgsqlDataSource"/>, numbered
/// migrations applied at start under an advisory lock (nodes starting together apply each one once), and every write
/// in a transaction of its own, acknowledged only after its COMMIT; the notifications a write asked for are then
/// handed to the node's <see cref="PostgresNotifier"/>.
/// </summary>
internal sealed class PostgresDatabase : ISqlDatabase
{
    /// <summary>The advisory lock key held while migrating ("tcbpush" in ASCII).</summary>
    private const long MigrationLock = 0x7463_6270_7573_68;

    private readonly NpgsqlDataSource source;
    private readonly PostgresNotifier notifier;
    private readonly PostgresWriteGroups groups;

    private PostgresDatabase(NpgsqlDataSource source, ILogger logger)
    {
        this.source = source;
        notifier = new PostgresNotifier(source, logger);
        groups = new PostgresWriteGroups(this);
    }

    /// <summary>Connects and migrates; an unreachable or refusing server is an <see cref="InvalidOperationException"/> saying why.</summary>
    public static PostgresDatabase Open(string connectionString, ILogger logger)
    {
        NpgsqlDataSource source;
        try
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            // Every statement is one of a few constant texts: prepared on each connection once it has run a few times
            // (PostgreSQL then parses and plans it once per connection), unless the connection string says otherwise.
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            }
            // No session state is left on a pooled connection (locks are transaction-scoped, the listener keeps its
            // connection), so the reset statements Npgsql would send with every reuse are not needed.
            builder.ConnectionStringBuilder.NoResetOnClose = true;
            source = builder.Build();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"--connection is not a valid PostgreSQL connection string: {e.Message}", e);
        }
        try
        {
            using (var connection = source.OpenConnection())
            {
                Migrate(connection, logger);
            }
            return new PostgresDatabase(source, logger);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            source.Dispose();
            // The message names the host and the reason; Npgsql never puts the password in it.
            throw new InvalidOperationException($"cannot use PostgreSQL storage: {e.Message}", e);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>A pooled connection for the caller to keep (the delivery listener).</summary>
    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => source.OpenConnectionAsync(cancellationToken);

    public SqlDialect Dialect => SqlDialect.Postgres;

    /// <summary>Runs a read on a pooled connection of its own.</summary>
    public async Task<T> ReadAsync<T>(Func<ISqlSession, ValueTask<T>> read)
    {
        await using var connection = await source.OpenConnectionAsync();
        return await read(new PostgresSession(connection));
    }

    /// <summary>Runs a write in one transaction on a pooled connection; completes after the COMMIT.</summary>
    public Task<T> WriteAsync<T>(Func<ISqlSession, ValueTask<T>> write) => WriteAsync(write, waitForDisk: true);

    public Task<T> WriteWithoutWaitingForDiskAsync<T>(Func<ISqlSession, ValueTask<T>> write) => WriteAsync(write, waitForDisk: false);

    private async Task<T> WriteAsync<T>(Func<ISqlSession, ValueTask<T>> write, bool waitForDisk)
    {
        T result = default!;
        await RunTransactionAsync(async s => result = await write(s), waitForDisk);
        return result;
    }

    /// <summary>Runs the write in a group commit with the other writes queued for <paramref name="group"/> (<see cref="PostgresWriteGroups"/>).</summary>
    public Task<T> WriteGroupedAsync<T>(string group, Func<ISqlSession, ValueTask<T>> write) => groups.WriteAsync(group, write);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction on a pooled connection; completes after the COMMIT, then posts the
    /// notifications it asked for. A throw rolls everything back.
    /// </summary>
    public async Task RunTransactionAsync(Func<ISqlSession, ValueTask> work, bool waitForDisk = true)
    {
        var session = await RunInTransactionAsync(work, waitForDisk);
        notifier.Post(session.Notifications);
    }

    private async Task<PostgresSession> RunInTransactionAsync(Func<ISqlSession, ValueTask> work, bool waitForDisk)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!waitForDisk)
        {
            await connection.ExecuteAsync("SET LOCAL synchronous_commit = off");
        }
        var session = new PostgresSession(connection);
        await work(session);
        await transaction.CommitAsync();
        return session;
    }

    public Task ProbeWriteAsync(DateTimeOffset now) => SqlNodeSettings.WriteReadinessProbeAsync(this, now);

    public Task<string> RecordMasterKeyFingerprintAsync(string fingerprint) => SqlNodeSettings.RecordMasterKeyFingerprintAsync(this, fingerprint);

    private static void Migrate(NpgsqlConnection connection, ILogger logger)
    {
        // Session-level lock: a second node starting now waits here, then finds the migrations applied.
        connection.Execute("SELECT pg_advisory_lock($1)", MigrationLock);
        try
        {
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, applied_at text NOT NULL)");
            var applied = connection.Query("SELECT version FROM schema_migrations", r => r.GetInt64(0)).ToHashSet();
            foreach (var (version, sql) in EmbeddedMigrations.For("Postgres"))
            {
                if (applied.Contains(version))
                {
                    continue;
                }
                using (var transaction = connection.BeginTransaction())
                {
                    connection.Execute(sql);
                    connection.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                        version, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                    transaction.Commit();
                }
                logger.LogInformation("Applied PostgreSQL migration {Version}", version);
            }
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock($1)", MigrationLock);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await notifier.DisposeAsync();
        await source.DisposeAsync();
    }
}
