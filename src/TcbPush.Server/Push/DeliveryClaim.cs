namespace TcbPush.Server.Push;

/// <summary>
/// A request to claim due deliveries: at most <see cref="Max"/>, leased until <see cref="LeaseUntil"/>, with every
/// target held to its fair share of the <see cref="GlobalLimit"/> (counting <see cref="InFlight"/>): at most
/// <see cref="PerTargetLimit"/>, and, while more targets have work than the global limit can serve at that rate, an
/// equal part of it (at least one). So many slow or hanging targets can never hold every slot: a healthy target
/// always has one of its own. A target in <see cref="Caps"/> may have no more than that many in flight (its circuit is
/// open: none; half-open: one). With <see cref="Ramp"/>, a target may also have no more than its allowance there in
/// flight (one when it is not listed: slow start).
/// </summary>
internal sealed record DeliveryClaim(
    DateTimeOffset Now, DateTimeOffset LeaseUntil, int Max, int PerTargetLimit, IReadOnlyDictionary<string, int> InFlight, int GlobalLimit,
    IReadOnlyDictionary<string, int>? Caps = null, IReadOnlyDictionary<string, int>? Ramp = null)
{
    /// <summary>How many more deliveries <paramref name="target"/> may take, when <paramref name="targetsWithWork"/> targets have some.</summary>
    public int FreeFor(string target, int targetsWithWork)
    {
        var share = Math.Min(PerTargetLimit, Math.Max(1, GlobalLimit / Math.Max(1, targetsWithWork)));
        if (Caps is not null && Caps.TryGetValue(target, out var cap))
        {
            share = Math.Min(share, cap);
        }
        if (Ramp is not null)
        {
            share = Math.Min(share, Ramp.GetValueOrDefault(target, 1));
        }
        return Math.Min(share - InFlight.GetValueOrDefault(target), Max);
    }

    /// <summary>
    /// Takes up to <see cref="Max"/> of the candidates, one target at a time in turn (each target's own in due order),
    /// so that a target with a long backlog does not take the slots of one with a single due delivery.
    /// </summary>
    public IReadOnlyList<long> TakeInTurn(IReadOnlyList<IReadOnlyList<long>> candidatesByTarget)
    {
        var taken = new List<long>();
        for (var round = 0; taken.Count < Max; round++)
        {
            var any = false;
            foreach (var candidates in candidatesByTarget)
            {
                if (round < candidates.Count && taken.Count < Max)
                {
                    taken.Add(candidates[round]);
                    any = true;
                }
            }
            if (!any)
            {
                break;
            }
        }
        return taken;
    }
}
