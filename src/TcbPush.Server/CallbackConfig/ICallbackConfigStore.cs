using TcbPush.Protocol;

namespace TcbPush.Server.CallbackConfig;

internal interface ICallbackConfigStore
{
    Task<StoredCallbackConfig> GetAsync(string appId);

    /// <summary>
    /// Durably stores <paramref name="config"/> as version <paramref name="expectedVersion"/> + <paramref name="sets"/>, only
    /// if the stored version is still <paramref name="expectedVersion"/>; false when another write came first.
    /// <paramref name="sets"/> is the number of successful sets merged into this one commit (each counts as a version).
    /// </summary>
    Task<bool> TryReplaceAsync(string appId, long expectedVersion, CallbackConfiguration config, int sets = 1);
}
