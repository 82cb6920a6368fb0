using Microsoft.Extensions.Logging.Abstractions;
using TcbPush.Server.Push;
using TcbPush.Server.Storage;
using TcbPush.Server.Storage.Postgres;
using TcbPush.Server.Storage.Sqlite;

namespace TcbPush.Tests.Push;

/// <summary>
/// Claims due deliveries from the harness's storage exactly as the worker does, then never records them: a process
/// (with PostgreSQL, a node) killed mid-attempt. <c>now</c> is the dying worker's clock, which may run ahead of the
/// server's. On SQLite the tests run it while the server is stopped, as a process that died before the restart.
/// </summary>
internal static class DyingWorker
{
    public static async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(PushHarness push, DateTimeOffset now, TimeSpan lease)
    {
        await using ISqlDatabase db = push.Postgres is { } connectionString
            ? PostgresDatabase.Open(connectionString, NullLogger.Instance)
            : SqliteDatabase.Open(push.DataDirectory, NullLogger.Instance);
        return await new SqlPushStore(db).ClaimAsync(new DeliveryClaim(now, now + lease, 10, 4, new Dictionary<string, int>(), 64));
    }
}
