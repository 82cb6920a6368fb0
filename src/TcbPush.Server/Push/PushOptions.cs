namespace TcbPush.Server.Push;

/// <summary>The push router's delivery policy: retry schedule, timeouts and concurrency, all as data.</summary>
public sealed class PushOptions
{
    /// <summary>
    /// The waits before each retry (SPEC §6.4): after the first failed attempt the first wait, and so on; the attempt
    /// after the last wait is the last one (default 9 attempts), after which the delivery is dead.
    /// </summary>
    public IReadOnlyList<TimeSpan> RetrySchedule { get; set; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4),
    ];

    /// <summary>Each wait is stretched or shrunk at random by up to this fraction (0.2 = ±20 %).</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>An attempt fails when no 2xx status arrives within this time.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claimed delivery stays claimed; longer than <see cref="DeliveryTimeout"/>, so that only a delivery
    /// whose worker died (the process was killed mid-attempt) is claimed again, when its lease runs out.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in flight at once, over all targets.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 64;

    /// <summary>Attempts in flight at once to one target URL, so that a slow target cannot hold back the others.</summary>
    public int MaxConcurrentPerTarget { get; set; } = 16;

    /// <summary>Failed attempts in a row after which a target's circuit opens (its deliveries wait, holding no slots).</summary>
    public int CircuitFailures { get; set; } = 5;

    /// <summary>How long a target's circuit first stays open; each failed trial after it doubles it, up to 10 minutes.</summary>
    public TimeSpan CircuitCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long finished deliveries (delivered, dead, unrouted), their attempts, their messages and conversation
    /// entries are kept; older ones are deleted by a background sweep. <see cref="TimeSpan.Zero"/> keeps everything.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A message with the identity of one received this long ago or less is a duplicate.</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(24);
}
