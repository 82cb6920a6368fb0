using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TcbPush.Server.Apps;
using TcbPush.Server.Conversations;
using TcbPush.Server.Push;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// Hears what other nodes sharing the database did, on a connection of its own: LISTENs on
/// <see cref="SqlDialect.DeliveriesChannel"/> (deliveries stored or handed back: wake this node's delivery worker) and
/// <see cref="SqlDialect.ConversationsChannel"/> ("appid openid" of a new entry: wake that conversation's watchers) and
/// <see cref="SqlDialect.StateChannel"/> ("topic key" of a changed app, environment or configuration: forget it). A
/// lost connection is reopened after a pause; the worker's timers and the watchers' polling keep things moving
/// meanwhile, only later, and the caches read through until the listener is back (<see cref="CacheCoherence"/>).
/// </summary>
internal sealed class PostgresNotificationListener(PostgresDatabase db, IDeliveryWakeup deliveries, IConversationWakeup conversations,
    CacheCoherence caches, ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    private const string Listen = $"LISTEN {SqlDialect.DeliveriesChannel}; LISTEN {SqlDialect.ConversationsChannel}; LISTEN {SqlDialect.StateChannel}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e);
                await connection.ExecuteAsync(Listen);
                // Whatever was stored while this node was not listening is looked at now, and cached state is read again.
                caches.Listening();
                deliveries.Notify();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The listener must outlive a lost connection; the worker and the watchers keep running without it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                caches.Interrupted();
                logger.LogWarning("Notifications from other nodes are interrupted ({Error}); reconnecting in 1 s", e.Message);
                // Real time on purpose: the pause must pass even when the server runs on a test clock.
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), stoppingToken));
            }
        }
    }

    private void Dispatch(NpgsqlNotificationEventArgs notification)
    {
        if (notification.Channel == SqlDialect.DeliveriesChannel)
        {
            deliveries.Notify();
            return;
        }
        if (notification.Channel == SqlDialect.StateChannel)
        {
            var separator = notification.Payload.IndexOf(' ', StringComparison.Ordinal);
            caches.Forget(separator > 0 ? notification.Payload[..separator] : notification.Payload,
                separator > 0 ? notification.Payload[(separator + 1)..] : null);
            return;
        }
        var space = notification.Payload.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            conversations.Notify(notification.Payload[..space], notification.Payload[(space + 1)..]);
        }
    }
}
