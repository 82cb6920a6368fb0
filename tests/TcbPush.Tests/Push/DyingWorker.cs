using Microsoft.Extensions.Logging.Abstractions;
using TcbPush.Server.Push;
using TcbPush.Server.Storage.Sqlite;

namespace TcbPush.Tests.Push;

/// <summary>Claims due deliveries from a stopped server's data folder exactly as the worker does, then never records them: a process killed mid-attempt.</summary>
internal static class DyingWorker
{
    public static async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string dataDirectory, DateTimeOffset now, TimeSpan lease)
    {
        await using var db = SqliteDatabase.Open(dataDirectory, NullLogger.Instance);
        return await new SqlitePushStore(db).ClaimAsync(new DeliveryClaim(now, now + lease, 10, 4, new Dictionary<string, int>()));
    }
}
