using System.Collections.Concurrent;

namespace TcbPush.Server.Apps;

/// <summary>
/// Whether this node may trust its caches of shared state (apps, environments, callback configurations), and how
/// other nodes' writes reach them. With SQLite there is one node, so a cache invalidated by this node's own writes is
/// exact. With PostgreSQL every such write also sends a notification at COMMIT, which the node's listener hands to
/// <see cref="Forget"/>; while that listener is not connected (at start, after a lost connection) every cache reads
/// through, and when it connects again everything cached before is dropped. See docs/caching.md for the bound.
/// </summary>
internal sealed class CacheCoherence
{
    private readonly ConcurrentDictionary<string, Action<string?>> caches = new(StringComparer.Ordinal);
    private long epoch;
    private volatile bool trusted;

    /// <param name="singleNode">True when no other node can write (SQLite): caches are trusted from the start.</param>
    public CacheCoherence(bool singleNode) => trusted = singleNode;

    /// <summary>Longest time an entry is served without a reload, in case a notification from another node were lost.</summary>
    public static TimeSpan EntryLifetime { get; } = TimeSpan.FromSeconds(1);

    /// <summary>False while changes made by other nodes might go unheard: caches then read through and keep nothing.</summary>
    public bool Trusted => trusted;

    /// <summary>Changes whenever trust is gained or lost; an entry stored under another epoch is not served.</summary>
    public long Epoch => Interlocked.Read(ref epoch);

    public void Register(string topic, Action<string?> forget) => caches[topic] = forget;

    /// <summary>Another node changed <paramref name="key"/> of <paramref name="topic"/> (null: anything of it).</summary>
    public void Forget(string topic, string? key)
    {
        if (caches.TryGetValue(topic, out var forget))
        {
            forget(key);
        }
        else
        {
            Interlocked.Increment(ref epoch);
        }
    }

    /// <summary>The listener hears other nodes again: what was cached before may be stale, so it is dropped.</summary>
    public void Listening()
    {
        Interlocked.Increment(ref epoch);
        trusted = true;
    }

    /// <summary>The listener lost its connection: read through until it is back.</summary>
    public void Interrupted()
    {
        trusted = false;
        Interlocked.Increment(ref epoch);
    }
}
