using TcbPush.Protocol;

namespace TcbPush.Server.CallbackConfig;

internal interface ICallbackConfigStore
{
    Task<StoredCallbackConfig> GetAsync(string appId);

    /// <summary>
    /// Durably stores <paramref name="config"/> as version <paramref name="expectedVersion"/> + 1, only if the
    /// stored version is still <paramref name="expectedVersion"/>; false when another write came first.
    /// </summary>
    Task<bool> TryReplaceAsync(string appId, long expectedVersion, CallbackConfiguration config);
}
