using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TcbPush.Protocol;
using TcbPush.Server.Apps;

namespace TcbPush.Server.CallbackConfig;

/// <summary>
/// Applies validated patches: merges each with the configuration before it, enforces exclusivity, runs the path check
/// when the container target changes, and stores the result with a version compare-and-swap. Sets for one app are
/// serialized on this node by a per-app queue, and across nodes by the swap, so the stored state is always exactly one
/// request's result. Sets that queue up for one app while a commit is under way are applied in arrival order and
/// committed together: one write for the batch, each request still answered with its own result, each successful one
/// counted as one version.
/// </summary>
internal sealed class CallbackConfigUpdater(
    ICallbackConfigStore configs, IEnvironmentStore environments, ContainerPathCheck pathCheck, IOptions<CallbackConfigOptions> options)
{
    private readonly ConcurrentDictionary<string, AppQueue> queues = new(StringComparer.Ordinal);

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
        var queue = queues.GetOrAdd(appId, _ => new AppQueue());
        var set = new QueuedSet(patch, checkPath);
        bool drain;
        lock (queue)
        {
            queue.Pending.Add(set);
            drain = !queue.Draining;
            queue.Draining = true;
        }
        if (drain)
        {
            _ = DrainAsync(appId, queue);
        }
        return await set.Answer.Task;
    }

    /// <summary>Commits what is queued for the app, batch after batch, until the queue is empty.</summary>
    private async Task DrainAsync(string appId, AppQueue queue)
    {
        while (true)
        {
            List<QueuedSet> batch;
            lock (queue)
            {
                if (queue.Pending.Count == 0)
                {
                    queue.Draining = false;
                    return;
                }
                batch = queue.Pending;
                queue.Pending = [];
            }
            try
            {
                var answers = await CommitAsync(appId, batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Answer.TrySetResult(answers[i]);
                }
            }
#pragma warning disable CA1031 // Any failure (storage down) is each waiting request's to report; the queue goes on with the next batch.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var set in batch)
                {
                    set.Answer.TrySetException(e);
                }
            }
        }
    }

    private async Task<WeChatError?[]> CommitAsync(string appId, List<QueuedSet> batch)
    {
        while (true)
        {
            var stored = await configs.GetAsync(appId);
            var current = stored.Config;
            var answers = new WeChatError?[batch.Count];
            var applied = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                var next = batch[i].Patch.ApplyTo(current);
                answers[i] = CallbackConfigValidator.CheckExclusive(next) ??
                             (batch[i].CheckPath ? await CheckContainerAsync(appId, current.ContainerConfig, next.ContainerConfig) : null);
                if (answers[i] is null)
                {
                    current = next;
                    applied++;
                }
            }
            if (applied == 0 || await configs.TryReplaceAsync(appId, stored.Version, current, applied))
            {
                return answers;
            }
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

    private sealed class AppQueue
    {
        public List<QueuedSet> Pending { get; set; } = [];

        public bool Draining { get; set; }
    }

    private sealed record QueuedSet(CallbackConfigPatch Patch, bool CheckPath)
    {
        public TaskCompletionSource<WeChatError?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
