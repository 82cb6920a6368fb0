using Microsoft.Extensions.Logging.Abstractions;
using TcbPush.Server.Push;
using TcbPush.Server.Storage.Postgres;

namespace TcbPush.Tests.Postgres;

/// <summary>
/// A node that claims due deliveries from the shared database exactly as the worker does, then never records them:
/// a node killed mid-attempt. <c>now</c> is the dying node's clock, which may run ahead of the other nodes'.
/// </summary>
internal static class PostgresDyingWorker
{
    public static async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string connectionString, DateTimeOffset now, TimeSpan lease)
    {
        await using var db = PostgresDatabase.Open(connectionString, NullLogger.Instance);
        return await new PostgresPushStore(db).ClaimAsync(new DeliveryClaim(now, now + lease, 10, 4, new Dictionary<string, int>()));
    }
}
