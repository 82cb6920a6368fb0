namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// Group commit per key, for writes that would otherwise take turns on one row (ingress: the conversation row that
/// numbers a user's entries, locked from its update until COMMIT). While a transaction for a key is in flight, later
/// writes for that key wait in a queue; when it has committed, the queued ones (up to <see cref="MaxGroup"/>) run one
/// after the other in one transaction, each completed only after that COMMIT: one row lock and one WAL flush for the
/// group instead of one each. Writes for different keys do not wait for each other. A group that fails anywhere is
/// rolled back whole and each of its writes runs again in a transaction of its own, so that each gets its own outcome
/// (that is why grouped writes must touch nothing but the database). Another node's group for the same key still takes
/// turns on the row, a group at a time; if two nodes' groups deadlock (the same message on both nodes, behind another
/// message of that user), PostgreSQL aborts one after <c>deadlock_timeout</c> and that group's writes run alone.
/// </summary>
internal sealed class PostgresWriteGroups(PostgresDatabase db)
{
    /// <summary>The most writes one transaction takes; the rest wait for the next.</summary>
    public const int MaxGroup = 64;

    private readonly Dictionary<string, Queue<IGroupedWrite>> waiting = new(StringComparer.Ordinal);

    public Task<T> WriteAsync<T>(string key, Func<ISqlSession, ValueTask<T>> write)
    {
        var item = new GroupedWrite<T>(write);
        lock (waiting)
        {
            if (waiting.TryGetValue(key, out var queue))
            {
                queue.Enqueue(item);
                return item.Done;
            }
            waiting[key] = new Queue<IGroupedWrite>();
        }
        _ = RunAsync(key, [item]);
        return item.Done;
    }

    /// <summary>Runs <paramref name="group"/>, then whatever queued for <paramref name="key"/> meanwhile, until none is left.</summary>
    private async Task RunAsync(string key, List<IGroupedWrite> group)
    {
        while (true)
        {
            await RunGroupAsync(group);
            lock (waiting)
            {
                var queue = waiting[key];
                if (queue.Count == 0)
                {
                    waiting.Remove(key);
                    return;
                }
                group = [];
                while (group.Count < MaxGroup && queue.TryDequeue(out var next))
                {
                    group.Add(next);
                }
            }
        }
    }

    private async Task RunGroupAsync(List<IGroupedWrite> group)
    {
        if (group.Count > 1)
        {
            try
            {
                await db.RunTransactionAsync(async s =>
                {
                    foreach (var write in group)
                    {
                        await write.RunAsync(s);
                    }
                });
                foreach (var write in group)
                {
                    write.Complete();
                }
                return;
            }
#pragma warning disable CA1031 // Whatever failed, each write is tried alone and gets its own outcome.
            catch (Exception)
#pragma warning restore CA1031
            {
                // Rolled back: nothing of the group was written. (Should the COMMIT itself have failed with its outcome
                // unknown, a write run again finds what it wrote: ingress then finds its own dedupe key, a duplicate.)
            }
        }
        foreach (var write in group)
        {
            await write.RunAloneAsync(db);
        }
    }

    private interface IGroupedWrite
    {
        ValueTask RunAsync(ISqlSession session);

        void Complete();

        Task RunAloneAsync(PostgresDatabase db);
    }

    private sealed class GroupedWrite<T>(Func<ISqlSession, ValueTask<T>> write) : IGroupedWrite
    {
        private readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Done => done.Task;

        public async ValueTask RunAsync(ISqlSession session) => result = await write(session);

        public void Complete() => done.TrySetResult(result!);

        public async Task RunAloneAsync(PostgresDatabase db)
        {
            try
            {
                done.TrySetResult(await db.WriteAsync(write));
            }
#pragma warning disable CA1031 // Handed to the caller, as an ungrouped write would throw it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.TrySetException(e);
            }
        }
    }
}
