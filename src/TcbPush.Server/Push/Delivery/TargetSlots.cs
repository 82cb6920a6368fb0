namespace TcbPush.Server.Push.Delivery;

/// <summary>Attempts in flight per target URL; only targets with attempts in flight are kept, so memory stays bounded.</summary>
internal sealed class TargetSlots
{
    private readonly Dictionary<string, int> inFlight = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public void Acquire(string target)
    {
        lock (gate)
        {
            inFlight[target] = inFlight.GetValueOrDefault(target) + 1;
        }
    }

    public void Release(string target)
    {
        lock (gate)
        {
            var left = inFlight.GetValueOrDefault(target) - 1;
            if (left <= 0)
            {
                inFlight.Remove(target);
            }
            else
            {
                inFlight[target] = left;
            }
        }
    }

    public IReadOnlyDictionary<string, int> Snapshot()
    {
        lock (gate)
        {
            return new Dictionary<string, int>(inFlight, StringComparer.Ordinal);
        }
    }
}
