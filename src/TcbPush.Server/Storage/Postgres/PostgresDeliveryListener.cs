using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Push;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// Wakes this node's delivery worker when any node stores a delivery or hands claimed ones back: LISTENs on
/// <see cref="SqlDialect.DeliveriesChannel"/> on a connection of its own. A lost connection is reopened after a
/// pause; the worker's own timers keep deliveries moving meanwhile, only later.
/// </summary>
internal sealed class PostgresDeliveryListener(PostgresDatabase db, IDeliveryWakeup signal, ILogger<PostgresDeliveryListener> logger)
    : BackgroundService
{
    private const string Listen = $"LISTEN {SqlDialect.DeliveriesChannel}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await connection.ExecuteAsync(Listen);
                // Whatever was stored while this node was not listening is looked at now.
                signal.Notify();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The listener must outlive a lost connection; the worker keeps running without it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning("Delivery notifications from other nodes are interrupted ({Error}); reconnecting in 1 s", e.Message);
                // Real time on purpose: the pause must pass even when the server runs on a test clock.
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), stoppingToken));
            }
        }
    }
}
