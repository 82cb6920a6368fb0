namespace TcbPush.Server.Storage;

/// <summary>The database behind the stores: its dialect, reads on a connection of their own, and durable writes.</summary>
internal interface ISqlDatabase : IStorageBackend
{
    SqlDialect Dialect { get; }

    /// <summary>Runs a read on a pooled connection of its own.</summary>
    Task<T> ReadAsync<T>(Func<ISqlSession, ValueTask<T>> read);

    /// <summary>
    /// Runs a write atomically; completes only after the COMMIT that made it durable. A write that throws changes nothing.
    /// SQLite: in a savepoint of a group commit on the one writer connection. PostgreSQL: in a transaction of its own.
    /// </summary>
    Task<T> WriteAsync<T>(Func<ISqlSession, ValueTask<T>> write);

    /// <summary>
    /// Runs a write atomically, like <see cref="WriteAsync{T}"/>, but completes without waiting for the disk: once its
    /// statements ran (SQLite, inside the open group commit) or once PostgreSQL committed it without flushing its WAL
    /// (<c>synchronous_commit = off</c> for that transaction). A crash, or a failed COMMIT, may then lose it, never tear
    /// it; so only for writes whose loss the caller can stand, like a delivery claim (lost, the delivery is claimed again:
    /// at least once).
    /// </summary>
    Task<T> WriteWithoutWaitingForDiskAsync<T>(Func<ISqlSession, ValueTask<T>> write);

    /// <summary>
    /// <see cref="WriteAsync{T}"/> for a write that other writes of the same <paramref name="group"/> would take turns
    /// with on one row: PostgreSQL runs those queued meanwhile in one transaction (<c>PostgresWriteGroups</c>); it must
    /// touch nothing but the database, as it may run again after its group rolled back. SQLite already commits every
    /// write in a group: the same as <see cref="WriteAsync{T}"/>.
    /// </summary>
    Task<T> WriteGroupedAsync<T>(string group, Func<ISqlSession, ValueTask<T>> write) => WriteAsync(write);
}
