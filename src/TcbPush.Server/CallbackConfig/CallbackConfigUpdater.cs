using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TcbPush.Protocol;
using TcbPush.Server.Apps;

namespace TcbPush.Server.CallbackConfig;

/// <summary>
/// Applies a validated patch: merges it with the stored configuration, enforces exclusivity, runs the path check
/// when the container target changes, and stores the result with a version compare-and-swap. Sets for one app are
/// serialized on this node by a per-app lock, and across nodes by the swap, so the stored state is always exactly
/// one request's result.
/// </summary>
internal sealed class CallbackConfigUpdater(
    ICallbackConfigStore configs, IEnvironmentStore environments, ContainerPathCheck pathCheck, IOptions<CallbackConfigOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> appLocks = new(StringComparer.Ordinal);

    /// <summary>
    /// Applies <paramref name="patch"/> to the app's configuration. <paramref name="checkPath"/> false skips the
    /// container path check (a seed's configuration, stored before the server or its containers listen).
    /// </summary>
    public async Task<WeChatError?> ApplyAsync(string appId, CallbackConfigPatch patch, bool checkPath = true)
    {
        foreach (var (field, env) in patch.RequiredEnvironments().DistinctBy(e => e.Env))
        {
            if (await environments.FindAsync(env) is null)
            {
                return new WeChatError(ErrCode.InvalidArgs, $"env not exists: {field} '{env}'");
            }
        }
        var appLock = appLocks.GetOrAdd(appId, _ => new SemaphoreSlim(1, 1));
        await appLock.WaitAsync();
        try
        {
            while (true)
            {
                var stored = await configs.GetAsync(appId);
                var next = patch.ApplyTo(stored.Config);
                if (CallbackConfigValidator.CheckExclusive(next) is { } conflict)
                {
                    return conflict;
                }
                if (checkPath && await CheckContainerAsync(appId, stored.Config.ContainerConfig, next.ContainerConfig) is { } failed)
                {
                    return failed;
                }
                if (await configs.TryReplaceAsync(appId, stored.Version, next))
                {
                    return null;
                }
            }
        }
        finally
        {
            appLock.Release();
        }
    }

    private async Task<WeChatError?> CheckContainerAsync(string appId, ContainerConfig stored, ContainerConfig next)
    {
        if (!options.Value.PathCheck || !next.Enable || next == stored)
        {
            return null;
        }
        if (await environments.FindAsync(next.QbaseEnv) is not { } environment)
        {
            return new WeChatError(ErrCode.InvalidArgs, $"env not exists: container_config.qbase_env '{next.QbaseEnv}'");
        }
        var problem = await pathCheck.CheckAsync(environment, next, appId);
        return problem is null ? null : new WeChatError(ErrCode.InvalidArgs, $"container path check failed: {problem}");
    }
}
