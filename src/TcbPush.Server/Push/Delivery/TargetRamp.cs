using System.Collections.Concurrent;

namespace TcbPush.Server.Push.Delivery;

/// <summary>
/// Slow start per target: a target may have one attempt in flight until it answers, then twice as many after each
/// delivered attempt, up to the per-target limit; a failed one (error status, timeout, no connection) takes it back to
/// one. So a burst of messages for targets that hang holds one slot per target, not a fair share each, and a healthy
/// target that comes later still finds free slots (fair shares are computed from the targets with work at each claim,
/// and an attempt in flight cannot be taken back). Kept in this process, like the circuits.
/// </summary>
internal sealed class TargetRamp(int perTargetLimit)
{
    private readonly ConcurrentDictionary<string, int> allowances = new(StringComparer.Ordinal);

    public void Report(string target, bool delivered) =>
        allowances.AddOrUpdate(target, delivered ? Math.Min(2, perTargetLimit) : 1,
            (_, allowed) => delivered ? Math.Min(perTargetLimit, allowed * 2) : 1);

    /// <summary>Each known target's allowance; a target not listed may have one attempt in flight.</summary>
    public IReadOnlyDictionary<string, int> Allowances() => new Dictionary<string, int>(allowances, StringComparer.Ordinal);
}
