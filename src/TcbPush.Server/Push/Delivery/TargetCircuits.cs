using Microsoft.Extensions.Options;
using TcbPush.Protocol.Admin;

namespace TcbPush.Server.Push.Delivery;

/// <summary>
/// A circuit per target URL (the key of <see cref="TargetSlots"/>): after <see cref="PushOptions.CircuitFailures"/>
/// failed attempts in a row the target is open for <see cref="PushOptions.CircuitCooldown"/>, and its deliveries are
/// not claimed; then it is half-open (one attempt at a time): a success closes it, a failure opens it again for twice
/// as long, up to <see cref="MaxCooldown"/>. Any success closes it. The state lives in this process: each node keeps
/// its own circuits, and a restart closes them all. Only targets with failures since their last success are kept.
/// </summary>
internal sealed class TargetCircuits(IOptions<PushOptions> options)
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half-open";
    public static readonly TimeSpan MaxCooldown = TimeSpan.FromMinutes(10);

    private readonly int failuresToOpen = options.Value.CircuitFailures;
    private readonly TimeSpan cooldown = options.Value.CircuitCooldown;
    private readonly Dictionary<string, Circuit> circuits = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>
    /// Counts an attempt's outcome; returns when the circuit half-opens if this failure opened it (or opened it again
    /// from half-open), else null.
    /// </summary>
    public DateTimeOffset? Report(string target, bool delivered, DateTimeOffset now)
    {
        lock (gate)
        {
            if (delivered)
            {
                circuits.Remove(target);
                return null;
            }
            if (!circuits.TryGetValue(target, out var circuit))
            {
                circuits[target] = circuit = new Circuit();
            }
            circuit.Failures++;
            var state = circuit.StateAt(now);
            if (state == HalfOpen)
            {
                circuit.Cooldown = circuit.Cooldown * 2 > MaxCooldown ? Max(MaxCooldown, cooldown) : circuit.Cooldown * 2;
            }
            else if (state == Closed && circuit.Failures >= failuresToOpen)
            {
                circuit.Cooldown = cooldown;
            }
            else
            {
                return null;
            }
            circuit.OpenedAt = now;
            circuit.RetryAt = now + circuit.Cooldown;
            return circuit.RetryAt;
        }
    }

    /// <summary>The targets held back at <paramref name="now"/> and how many attempts each may have in flight: 0 when open, 1 when half-open.</summary>
    public IReadOnlyDictionary<string, int> Caps(DateTimeOffset now)
    {
        lock (gate)
        {
            return circuits.Where(c => c.Value.StateAt(now) != Closed)
                .ToDictionary(c => c.Key, c => c.Value.StateAt(now) == Open ? 0 : 1, StringComparer.Ordinal);
        }
    }

    /// <summary>The earliest time after <paramref name="now"/> at which an open circuit half-opens.</summary>
    public DateTimeOffset? NextHalfOpenAfter(DateTimeOffset now)
    {
        lock (gate)
        {
            return circuits.Values.Where(c => c.RetryAt > now).Select(c => c.RetryAt).Min();
        }
    }

    public IReadOnlyList<TargetCircuitInfo> Snapshot(DateTimeOffset now)
    {
        lock (gate)
        {
            return [.. circuits.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new TargetCircuitInfo(c.Key, c.Value.StateAt(now), c.Value.Failures, c.Value.OpenedAt, c.Value.RetryAt))];
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Circuit
    {
        public int Failures { get; set; }

        public TimeSpan Cooldown { get; set; }

        public DateTimeOffset? OpenedAt { get; set; }

        public DateTimeOffset? RetryAt { get; set; }

        /// <summary>Open until <see cref="RetryAt"/>, half-open from then until a success; closed before it ever opened.</summary>
        public string StateAt(DateTimeOffset now) => RetryAt is not { } retryAt ? Closed : now < retryAt ? Open : HalfOpen;
    }
}
