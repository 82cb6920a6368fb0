using System.Threading.Channels;

namespace TcbPush.Server.Push.Delivery;

/// <summary>
/// Writes finished attempts to the store: the attempts that end while a write is under way are written together by
/// the next one, in one transaction (one commit for many attempts, on PostgreSQL as on SQLite). Each caller's task
/// completes only when its attempt is durably recorded, and fails when that write failed (its lease brings it back).
/// </summary>
internal sealed class DeliveryRecorder : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IPushStore store;
    private readonly Task loop;

    public DeliveryRecorder(IPushStore store)
    {
        this.store = store;
        loop = Task.Run(RunAsync);
    }

    public Task RecordAsync(RecordedAttempt attempt)
    {
        var pending = new Pending(attempt, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The delivery recorder is stopped.");
        }
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                await store.RecordAsync([.. batch.Select(p => p.Attempt)]);
                batch.ForEach(p => p.Done.TrySetResult());
            }
#pragma warning disable CA1031 // Each waiting attempt hears about the failure; the loop must go on for the next ones.
            catch (Exception e)
#pragma warning restore CA1031
            {
                batch.ForEach(p => p.Done.TrySetException(e));
            }
            batch.Clear();
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private sealed record Pending(RecordedAttempt Attempt, TaskCompletionSource Done);
}
