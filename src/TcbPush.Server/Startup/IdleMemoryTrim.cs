using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TcbPush.Server.Startup;

/// <summary>
/// Gives memory back to the system once a busy spell is over (setting <c>IdleMemoryTrim</c>). The workstation GC keeps
/// the heap a load grew to, so a node that took a burst otherwise stays at its peak resident set while idle
/// (bench/README.md, "Decisions"). Every <see cref="Period"/> it looks at how much the process allocated: when a period
/// allocated less than <see cref="QuietBytes"/> (no requests, the delivery worker idle) after at least
/// <see cref="BusyBytes"/> were allocated since the last trim, it runs one full, compacting, aggressive collection,
/// which decommits the freed memory. An idle node that was never busy is not collected; a busy one never.
/// </summary>
internal sealed class IdleMemoryTrim : IHostedService, IDisposable
{
    /// <summary>Less than this allocated in one period is a quiet period.</summary>
    public const long QuietBytes = 4 * 1024 * 1024;

    /// <summary>At least this allocated since the last trim is worth a trim.</summary>
    public const long BusyBytes = 64 * 1024 * 1024;

    private readonly TimeProvider time;
    private readonly Func<long> allocatedBytes;
    private readonly Action trim;
    private readonly ILogger logger;
    private ITimer? timer;
    private long atLastCheck;
    private long atLastTrim;

    public IdleMemoryTrim(TimeSpan period, TimeProvider time, ILogger<IdleMemoryTrim> logger)
        : this(period, time, logger, () => GC.GetTotalAllocatedBytes(), CollectAggressively)
    {
    }

    /// <summary>For tests: <paramref name="allocatedBytes"/> and <paramref name="trim"/> replace the GC's.</summary>
    internal IdleMemoryTrim(TimeSpan period, TimeProvider time, ILogger<IdleMemoryTrim> logger, Func<long> allocatedBytes, Action trim)
    {
        Period = period;
        this.time = time;
        this.logger = logger;
        this.allocatedBytes = allocatedBytes;
        this.trim = trim;
    }

    /// <summary>How long a quiet spell lasts before memory is given back; zero turns trimming off.</summary>
    public TimeSpan Period { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Period > TimeSpan.Zero)
        {
            atLastCheck = allocatedBytes();
            atLastTrim = 0;
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
        if (!quiet || now - atLastTrim < BusyBytes)
        {
            return;
        }
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        trim();
        atLastTrim = allocatedBytes();
        atLastCheck = atLastTrim;
        logger.LogDebug("Idle: collected and returned memory to the system, GC committed {Before} -> {After} MiB",
            before / (1024 * 1024), GC.GetGCMemoryInfo().TotalCommittedBytes / (1024 * 1024));
    }

    private static void CollectAggressively()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
