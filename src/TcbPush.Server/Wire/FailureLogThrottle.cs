using System.Collections.Concurrent;

namespace TcbPush.Server.Wire;

/// <summary>
/// Decides when an unexpected failure is logged with its stack trace: the first of each kind (exception type) in every
/// <see cref="Interval"/>. When a dependency fails for every request (a full disk, a lost database), the log gets one
/// trace a minute and one short line per request instead of megabytes of identical traces.
/// </summary>
internal sealed class FailureLogThrottle(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Type, DateTimeOffset> lastTraced = new();

    public bool ShouldTrace(Exception failure)
    {
        var now = time.GetUtcNow();
        var kind = failure.GetType();
        while (true)
        {
            if (!lastTraced.TryGetValue(kind, out var last))
            {
                if (lastTraced.TryAdd(kind, now))
                {
                    return true;
                }
                continue;
            }
            if (now - last < Interval)
            {
                return false;
            }
            if (lastTraced.TryUpdate(kind, now, last))
            {
                return true;
            }
        }
    }
}
