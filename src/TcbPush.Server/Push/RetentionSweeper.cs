using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TcbPush.Server.Push;

/// <summary>
/// Deletes what <see cref="PushOptions.Retention"/> no longer keeps: at start and then every hour (or every
/// retention period, when that is shorter), in batches of <see cref="BatchSize"/> rows per transaction so that
/// ingress and the worker are never held up long. Pending and delivering deliveries are never touched.
/// </summary>
internal sealed class RetentionSweeper(IPushStore store, IOptions<PushOptions> options, TimeProvider time, ILogger<RetentionSweeper> logger)
    : BackgroundService
{
    public const int BatchSize = 500;
    private static readonly TimeSpan LongestInterval = TimeSpan.FromHours(1);
    private readonly TimeSpan retention = options.Value.Retention;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (retention <= TimeSpan.Zero)
        {
            return;
        }
        var interval = retention < LongestInterval ? retention : LongestInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sweep (database briefly down) is retried at the next interval; it must not stop the host.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Retention sweep failed; it runs again at the next interval");
            }
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Deletes batch after batch until a batch comes back short.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - retention;
        long deliveries = 0, messages = 0, entries = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await store.PruneFinishedAsync(before, BatchSize);
            deliveries += batch.Deliveries;
            messages += batch.Messages;
            entries += batch.ConversationEntries;
            if (batch.Deliveries < BatchSize && batch.Messages < BatchSize && batch.ConversationEntries < BatchSize)
            {
                break;
            }
        }
        if (deliveries + messages + entries > 0)
        {
            logger.LogInformation("Retention: deleted {Deliveries} finished deliveries, {Messages} messages and {Entries} conversation entries older than {Before:O}",
                deliveries, messages, entries, before);
        }
    }
}
