using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace TcbPush.Server.Storage.Sqlite;

/// <summary>
/// The one writer connection. Concurrent writes queue here and are committed together in one transaction
/// (group commit), each inside its own savepoint so that one failing write does not undo the others.
/// A write's task completes only after the COMMIT that made it durable, unless it asked not to wait for it.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<WriteItem> queue = Channel.CreateBounded<WriteItem>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly SqliteConnection connection;
    private readonly ILogger logger;
    private readonly WriterMetrics? metrics;
    private readonly Task loop;
    // Prepared once: a group commit runs these 2 + 2 per write, and parsing them each time showed in the writer's profile.
    private readonly SqliteCommand begin;
    private readonly SqliteCommand savepoint;
    private readonly SqliteCommand release;
    private readonly SqliteCommand rollbackToSavepoint;
    private readonly SqliteCommand commit;

    public SqliteWriteQueue(SqliteConnection connection, ILogger logger, WriterMetrics? metrics)
    {
        this.connection = connection;
        this.logger = logger;
        this.metrics = metrics;
        begin = Prepare("BEGIN IMMEDIATE");
        savepoint = Prepare("SAVEPOINT w");
        release = Prepare("RELEASE w");
        rollbackToSavepoint = Prepare("ROLLBACK TO w");
        commit = Prepare("COMMIT");
        loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// Queues <paramref name="work"/> for the next group commit. Without <paramref name="waitForCommit"/>, its task
    /// completes as soon as the work ran, before the COMMIT (see <see cref="ISqlDatabase.WriteWithoutWaitingForDiskAsync{T}"/>).
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, bool waitForCommit = true)
    {
        var item = new WriteItem<T>(work, waitForCommit);
        await queue.Writer.WriteAsync(item);
        return await item.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteItem>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            var started = Stopwatch.GetTimestamp();
            CommitBatch(batch);
            metrics?.Committed(batch.Count, Stopwatch.GetElapsedTime(started));
            batch.Clear();
        }
    }

    private void CommitBatch(List<WriteItem> batch)
    {
        try
        {
            begin.ExecuteNonQuery();
            foreach (var item in batch)
            {
                savepoint.ExecuteNonQuery();
                if (!item.Run(connection))
                {
                    rollbackToSavepoint.ExecuteNonQuery();
                }
                release.ExecuteNonQuery();
                if (!item.WaitsForCommit)
                {
                    item.Complete();
                }
            }
            commit.ExecuteNonQuery();
        }
#pragma warning disable CA1031 // Every queued writer must hear about the failure; nothing may escape the loop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "SQLite commit of {Count} writes failed", batch.Count);
            TryRollback();
            foreach (var item in batch)
            {
                item.Fail(e);
            }
            return;
        }
        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant transaction-control statements.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Prepare();
        return command;
    }

    private void TryRollback()
    {
        try
        {
            connection.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open.
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        foreach (var command in new[] { begin, savepoint, release, rollbackToSavepoint, commit })
        {
            await command.DisposeAsync();
        }
        await connection.DisposeAsync();
    }

    private abstract class WriteItem
    {
        public abstract bool WaitsForCommit { get; }

        /// <summary>Runs the work; false when it threw (its changes are then rolled back to the savepoint).</summary>
        public abstract bool Run(SqliteConnection connection);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class WriteItem<T>(Func<SqliteConnection, T> work, bool waitForCommit) : WriteItem
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;
        private Exception? error;

        public override bool WaitsForCommit => waitForCommit;

        public Task<T> Task => completion.Task;

        public override bool Run(SqliteConnection connection)
        {
            try
            {
                result = work(connection);
                return true;
            }
#pragma warning disable CA1031 // The exception is handed to the waiting caller.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = e;
                return false;
            }
        }

        public override void Complete()
        {
            if (error is null)
            {
                completion.TrySetResult(result!);
            }
            else
            {
                completion.TrySetException(error);
            }
        }

        public override void Fail(Exception failure) => completion.TrySetException(failure);
    }
}
