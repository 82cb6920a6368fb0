namespace TcbPush.Server.Storage;

/// <summary>The database behind the stores; resolving it opens it and applies its migrations.</summary>
internal interface IStorageBackend : IAsyncDisposable;
