using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TcbPush.Server.Push.Delivery;

/// <summary>
/// The only place that talks to targets. Claims due deliveries from storage in small batches under a lease, never
/// more than the global and per-target limits allow, makes each attempt, and records it with the delivery's next
/// state in one write, as <see cref="DeliveryTransition"/> decides it: delivered, pending again at the next time of the
/// retry schedule, or dead after the last.
/// Attempts that end together are recorded together (<see cref="DeliveryRecorder"/>). A target that keeps failing is
/// backed off by its circuit (<see cref="TargetCircuits"/>): while open, its deliveries are postponed and not claimed.
/// A target's attempts in flight grow with its answers (<see cref="TargetRamp"/>).
/// The queue lives in storage; memory holds only the attempts in flight. It wakes when a delivery is stored or an
/// attempt ends, and at the next due time by the <see cref="TimeProvider"/> (so tests can advance a fake clock).
/// </summary>
internal sealed class DeliveryWorker(
    IPushStore store, DeliverySender sender, RetrySchedule schedule, DeliverySignal signal, TimeProvider time,
    IOptions<PushOptions> options, IEnumerable<IDeliveryAnswerListener> answerListeners, DeliveryMetrics metrics,
    TargetCircuits circuits, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private const int ClaimBatch = 32;
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private readonly PushOptions push = options.Value;
    private readonly IDeliveryAnswerListener[] listeners = [.. answerListeners];
    private readonly TargetSlots slots = new();
    private readonly TargetRamp ramp = new(options.Value.MaxConcurrentPerTarget);
    private readonly DeliveryRecorder recorder = new(store);
    private readonly Dictionary<long, Task<bool>> running = [];
    private int inFlight;
    private DateTimeOffset lastClaim;
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneDedupeWhenDueAsync();
                if (await ClaimAndStartAsync(stoppingToken) == 0)
                {
                    await WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The worker must outlive any one failure (storage briefly unavailable, a bug in one delivery).
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Delivery worker loop failed; retrying in 1 s");
                // Real time on purpose: the pause must pass even when the server runs on a test clock.
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), stoppingToken));
            }
        }
        await DrainAsync();
    }

    /// <summary>Claims what the free slots allow and starts those attempts; returns how many.</summary>
    private async Task<int> ClaimAndStartAsync(CancellationToken stopping)
    {
        foreach (var done in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
        {
            running.Remove(done);
        }
        var free = push.MaxConcurrentDeliveries - Volatile.Read(ref inFlight);
        if (free <= 0)
        {
            return 0;
        }
        lastClaim = time.GetUtcNow();
        var claimed = await store.ClaimAsync(new DeliveryClaim(lastClaim, lastClaim + push.ClaimLease, Math.Min(free, ClaimBatch),
            push.MaxConcurrentPerTarget, slots.Snapshot(), push.MaxConcurrentDeliveries, circuits.Caps(lastClaim), ramp.Allowances()));
        foreach (var delivery in claimed)
        {
            Interlocked.Increment(ref inFlight);
            slots.Acquire(delivery.TargetUrl);
            running[delivery.Id] = AttemptAsync(delivery, stopping);
        }
        return claimed.Count;
    }

    /// <summary>Makes one attempt and records it; false when it was not recorded (the server is stopping, or recording failed).</summary>
    private async Task<bool> AttemptAsync(ClaimedDelivery delivery, CancellationToken stopping)
    {
        try
        {
            var (result, openUntil) = await SendAsync(delivery, stopping);
            var attempt = result.Log.Attempt;
            var now = time.GetUtcNow();
            var next = DeliveryTransition.AfterAttempt(result, schedule, now);
            metrics.Attempted(next.Status == DeliveryStatus.Pending ? "retry" : next.Status, result.Log.LatencyMs);
            await recorder.RecordAsync(new RecordedAttempt(delivery.Id, result.Log, next, now));
            if (openUntil is { } retryAt)
            {
                await OpenCircuitAsync(delivery.TargetUrl, retryAt, now);
            }
            await TellListenersAsync(new DeliveryAnswer(delivery, attempt, result.Delivered, result.Body));
            if (next.Status == DeliveryStatus.Dead)
            {
                logger.LogWarning("Delivery {DeliveryId} of app {AppId} to {Target} is dead after {Attempts} attempts: {Error}",
                    delivery.Id, delivery.AppId, delivery.TargetUrl, attempt, result.Log.Error);
            }
            else if (!result.Delivered)
            {
                logger.LogInformation("Delivery {DeliveryId} attempt {Attempt} to {Target} failed ({Error}); next at {RetryAt:O}",
                    delivery.Id, attempt, delivery.TargetUrl, result.Log.Error, next.DueAt);
            }
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // One delivery's failure must not stop the others; its lease brings it back.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Delivery {DeliveryId} attempt could not be made or recorded; it is retried when its lease ends", delivery.Id);
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            signal.Notify();
        }
    }

    /// <summary>Postpones the target's pending deliveries to when its circuit half-opens, noting why in each.</summary>
    private async Task OpenCircuitAsync(string target, DateTimeOffset retryAt, DateTimeOffset now)
    {
        var note = $"target circuit open until {retryAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}";
        var postponed = await store.PostponeAsync(target, retryAt, note, now);
        logger.LogWarning("Target {Target} keeps failing: its circuit is open until {RetryAt:O}; {Count} pending deliveries wait for it",
            target, retryAt, postponed);
    }

    /// <summary>Hands a recorded attempt's answer to the features that read answers; their failures are logged, not the delivery's.</summary>
    private async Task TellListenersAsync(DeliveryAnswer answer)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnAnswerAsync(answer);
            }
#pragma warning disable CA1031 // The attempt is recorded; a listener's failure must not make the worker retry it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Reading the answer to delivery {DeliveryId} attempt {Attempt} failed", answer.Delivery.Id, answer.Attempt);
            }
        }
    }

    /// <summary>
    /// The HTTP part of an attempt, counted by the target's circuit (with when it half-opens, if this attempt opened
    /// it); the target's slot is free again as soon as it answered and its circuit knows.
    /// </summary>
    private async Task<(AttemptResult Result, DateTimeOffset? OpenUntil)> SendAsync(ClaimedDelivery delivery, CancellationToken stopping)
    {
        try
        {
            var result = await sender.SendAsync(delivery, stopping);
            // A message that cannot be rendered says nothing about its target.
            if (result.Permanent)
            {
                return (result, null);
            }
            ramp.Report(delivery.TargetUrl, result.Delivered);
            return (result, circuits.Report(delivery.TargetUrl, result.Delivered, time.GetUtcNow()));
        }
        finally
        {
            slots.Release(delivery.TargetUrl);
            signal.Notify();
        }
    }

    /// <summary>
    /// Sleeps until a delivery is stored or a slot frees, or the next delivery falls due. What was due at the last
    /// claim and not taken waits for a slot of its target; anything falling due after it sets the timer.
    /// </summary>
    private async Task WaitAsync(CancellationToken stopping)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var signalled = signal.WaitAsync(wake.Token);
        var until = time.GetUtcNow() + IdleRecheck;
        if (Volatile.Read(ref inFlight) < push.MaxConcurrentDeliveries &&
            await store.NextDueAfterAsync(lastClaim) is { } due && due < until)
        {
            until = due;
        }
        if (circuits.NextHalfOpenAfter(time.GetUtcNow()) is { } halfOpen && halfOpen < until)
        {
            until = halfOpen;
        }
        var timer = Task.Delay(Max(until - time.GetUtcNow(), TimeSpan.Zero), time, wake.Token);
        // Checked after the timer exists: a clock moved past `until` in between must not leave the timer waiting.
        if (time.GetUtcNow() < until)
        {
            await Task.WhenAny(signalled, timer);
        }
        await wake.CancelAsync();
        stopping.ThrowIfCancellationRequested();
    }

    private async Task PruneDedupeWhenDueAsync()
    {
        var now = time.GetUtcNow();
        if (now - lastPrune < PruneEvery)
        {
            return;
        }
        lastPrune = now;
        var pruned = await store.PruneDedupeAsync(now);
        if (pruned > 0)
        {
            logger.LogInformation("Forgot {Count} message identities older than the dedupe window", pruned);
        }
    }

    /// <summary>On stop: lets the attempts in flight end (they are cancelled) and hands back the unrecorded ones, due at once.</summary>
    private async Task DrainAsync()
    {
        await Task.WhenAll(running.Values);
        await recorder.DisposeAsync();
        var unrecorded = running.Where(r => !r.Value.Result).Select(r => r.Key).ToList();
        if (unrecorded.Count == 0)
        {
            return;
        }
        try
        {
            await store.ReleaseAsync(unrecorded, time.GetUtcNow());
        }
#pragma warning disable CA1031 // Stopping must finish; the leases bring these deliveries back anyway.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not hand back {Count} claimed deliveries; they are retried when their leases end", unrecorded.Count);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
