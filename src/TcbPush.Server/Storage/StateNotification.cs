namespace TcbPush.Server.Storage;

internal static class StateNotification
{
    /// <summary>
    /// In a write that changed cached shared state: tells the other nodes (PostgreSQL) to forget <paramref name="key"/> of
    /// <paramref name="topic"/> at COMMIT. Nothing for SQLite, whose one node invalidates its caches in process.
    /// </summary>
    public static async ValueTask NotifyStateAsync(this ISqlSession session, SqlDialect dialect, string topic, string key)
    {
        if (dialect.NotifyState is { } notify)
        {
            await session.ExecuteAsync(notify, topic + " " + key);
        }
    }
}
