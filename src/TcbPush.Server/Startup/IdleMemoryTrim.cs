using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TcbPush.Server.Startup;

/// <summary>
/// Gives memory back to the system once a busy spell is over (setting <c>IdleMemoryTrim</c>). The workstation GC keeps
/// the heap a load grew to, so a node that took a burst otherwise stays at its peak resident set while idle
/// (bench/README.md, "Decisions"). Every <see cref="Period"/> it looks at how much the process allocated: when a period
/// allocated less than <see cref="QuietBytes"/> (no requests, the delivery worker idle) while the GC holds at least
/// <see cref="GrownBytes"/> more than after start (or the last trim), it runs one full, compacting, aggressive
/// collection, which decommits the freed memory. An idle node whose heap did not grow is not collected; a busy one never.
/// </summary>
internal sealed class IdleMemoryTrim : IHostedService, IDisposable
{
    /// <summary>Less than this allocated in one period is a quiet period.</summary>
    public const long QuietBytes = 4 * 1024 * 1024;

    /// <summary>A heap grown by at least this since start or the last trim is worth a trim.</summary>
    public const long GrownBytes = 16 * 1024 * 1024;

    private readonly TimeProvider time;
    private readonly Func<long> allocatedBytes;
    private readonly Func<long> committedBytes;
    private readonly Action trim;
    private readonly ILogger logger;
    private ITimer? timer;
    private long atLastCheck;
    private long committedAfterTrim;

    public IdleMemoryTrim(TimeSpan period, TimeProvider time, ILogger<IdleMemoryTrim> logger)
        : this(period, time, logger, () => GC.GetTotalAllocatedBytes(), () => GC.GetGCMemoryInfo().TotalCommittedBytes, CollectAggressively)
    {
    }

    /// <summary>For tests: <paramref name="allocatedBytes"/>, <paramref name="committedBytes"/> and <paramref name="trim"/> replace the GC's.</summary>
    internal IdleMemoryTrim(TimeSpan period, TimeProvider time, ILogger<IdleMemoryTrim> logger, Func<long> allocatedBytes,
        Func<long> committedBytes, Action trim)
    {
        Period = period;
        this.time = time;
        this.logger = logger;
        this.allocatedBytes = allocatedBytes;
        this.committedBytes = committedBytes;
        this.trim = trim;
    }

    /// <summary>How long a quiet spell lasts before memory is given back; zero turns trimming off.</summary>
    public TimeSpan Period { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Period > TimeSpan.Zero)
        {
            atLastCheck = allocatedBytes();
            committedAfterTrim = committedBytes();
            timer = time.CreateTimer(_ => Check(), null, Period, Period);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        timer?.Dispose();
        timer = null;
        return Task.CompletedTask;
    }

    public void Dispose() => timer?.Dispose();

    private void Check()
    {
        var now = allocatedBytes();
        var quiet = now - atLastCheck < QuietBytes;
        atLastCheck = now;
        var before = committedBytes();
        if (!quiet || before - committedAfterTrim < GrownBytes)
        {
            return;
        }
        trim();
        atLastCheck = allocatedBytes();
        committedAfterTrim = committedBytes();
        logger.LogDebug("Idle: collected and returned memory to the system, GC committed {Before} -> {After} MiB",
            before / (1024 * 1024), committedAfterTrim / (1024 * 1024));
    }

    private static void CollectAggressively()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
