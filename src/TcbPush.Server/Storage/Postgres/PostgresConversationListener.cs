using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Conversations;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// Wakes this node's conversation watchers when any node adds an entry: LISTENs on
/// <see cref="SqlDialect.ConversationsChannel"/>. A lost connection is reopened after a pause; the
/// watchers' own polling keeps them going meanwhile, only later.
/// </summary>
internal sealed class PostgresConversationListener(PostgresDatabase db, IConversationWakeup wakeup, ILogger<PostgresConversationListener> logger)
    : BackgroundService
{
    private const string Listen = $"LISTEN {SqlDialect.ConversationsChannel}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    var space = e.Payload.IndexOf(' ', StringComparison.Ordinal);
                    if (space > 0)
                    {
                        wakeup.Notify(e.Payload[..space], e.Payload[(space + 1)..]);
                    }
                };
                await connection.ExecuteAsync(Listen);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The listener must outlive a lost connection; watchers poll without it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning("Conversation notifications from other nodes are interrupted ({Error}); reconnecting in 1 s", e.Message);
                // Real time on purpose: the pause must pass even when the server runs on a test clock.
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), stoppingToken));
            }
        }
    }
}
