namespace TcbPush.Server.Storage;

/// <summary>The database behind the stores; resolving it opens it and applies its migrations.</summary>
internal interface IStorageBackend : IAsyncDisposable
{
    /// <summary>Commits a small write (and, for SQLite, writes a file in the data folder); throws when storage cannot take one.</summary>
    Task ProbeWriteAsync(DateTimeOffset now);

    /// <summary>Records <paramref name="fingerprint"/> as the master key's if none is recorded yet; returns the recorded one.</summary>
    Task<string> RecordMasterKeyFingerprintAsync(string fingerprint);
}
