using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// Sends this node's notifications of committed writes (deliveries stored or freed, conversation entries added) to
/// every node, outside the writes' own transactions, coalesced: the first after a quiet spell goes at once, later ones
/// are gathered and sent together, at most one sending transaction per <see cref="Interval"/>, each distinct
/// (channel, payload) once. Why: PostgreSQL takes one lock for the whole cluster at the COMMIT of a transaction that
/// ran <c>pg_notify</c> and keeps it through that commit's WAL flush, so notifying inside every ingress transaction
/// made all their commits take turns (bench/README.md). A transaction that only notifies writes no WAL and holds that
/// lock for a moment.
/// Bound: a notification leaves at most <see cref="Interval"/> plus one round trip after the COMMIT it follows. One
/// that is lost (the send fails, or the node dies between the COMMIT and the send) is covered as every lost
/// notification is: the delivery workers look for due work at least once a minute and when their listener
/// (re)connects, conversation streams re-read every 2 s (docs/push-router.md, docs/conversations.md).
/// </summary>
internal sealed class PostgresNotifier : IAsyncDisposable
{
    /// <summary>The shortest time between two sending transactions of one node.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private const string Send = "SELECT pg_notify(n.channel, n.payload) FROM unnest($1::text[], $2::text[]) AS n(channel, payload)";

    private readonly NpgsqlDataSource source;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Task loop;
    private HashSet<(string Channel, string Payload)> pending = [];

    public PostgresNotifier(NpgsqlDataSource source, ILogger logger)
    {
        this.source = source;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Queues notifications of a write that has committed; they are sent by the loop, never by the caller.</summary>
    public void Post(IReadOnlyCollection<(string Channel, string Payload)> notifications)
    {
        if (notifications.Count == 0)
        {
            return;
        }
        lock (gate)
        {
            pending.UnionWith(notifications);
        }
        signal.Writer.TryWrite(true);
    }

    private async Task RunAsync()
    {
        while (await signal.Reader.WaitToReadAsync())
        {
            signal.Reader.TryRead(out _);
            HashSet<(string Channel, string Payload)> batch;
            lock (gate)
            {
                (batch, pending) = (pending, []);
            }
            if (batch.Count == 0)
            {
                continue;
            }
            await SendAsync(batch);
            // Real time on purpose, as the listener's pause: the interval must pass even when the server runs on a test clock.
            await Task.Delay(Interval);
        }
    }

    private async Task SendAsync(HashSet<(string Channel, string Payload)> batch)
    {
        try
        {
            await using var connection = await source.OpenConnectionAsync();
            await connection.ExecuteAsync(Send, batch.Select(n => n.Channel).ToArray(), batch.Select(n => n.Payload).ToArray());
        }
#pragma warning disable CA1031 // A lost notification is covered by the workers' and watchers' polling; the loop must go on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning("Could not notify the other nodes of {Count} change(s) ({Error}); their polling will find them", batch.Count, e.Message);
        }
    }

    /// <summary>Sends what is still queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        signal.Writer.TryComplete();
        await loop;
        HashSet<(string Channel, string Payload)> rest;
        lock (gate)
        {
            (rest, pending) = (pending, []);
        }
        if (rest.Count > 0)
        {
            await SendAsync(rest);
        }
    }
}
