using System.Collections.Concurrent;

namespace TcbPush.Server.Apps;

/// <summary>
/// A read-through cache of one kind of shared state (a topic: apps, environments, configurations), keyed by id, absent values included.
/// A value is kept only when nothing about the topic was invalidated while it was being read (a generation counter
/// checked under a lock), so a read that raced with a write can never put the old value back. Entries are served
/// while <see cref="CacheCoherence"/> trusts caches, within its epoch, and for at most <see cref="CacheCoherence.EntryLifetime"/>.
/// </summary>
internal sealed class SharedStateCache<TValue>
    where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly CacheCoherence coherence;
    private readonly TimeProvider time;
    private long generation;

    public SharedStateCache(string topic, CacheCoherence coherence, TimeProvider time)
    {
        this.coherence = coherence;
        this.time = time;
        coherence.Register(topic, Forget);
    }

    public async Task<TValue?> GetAsync(string key, Func<string, Task<TValue?>> load)
    {
        var now = time.GetUtcNow();
        if (coherence.Trusted && entries.TryGetValue(key, out var entry) && entry.Epoch == coherence.Epoch && now < entry.Until)
        {
            return entry.Value;
        }
        var stamp = Stamp();
        var value = await load(key);
        Keep(key, value, stamp);
        return value;
    }

    /// <summary>Taken before a write or read of the database; <see cref="Keep"/> stores a value only if nothing changed since.</summary>
    public (long Generation, long Epoch) Stamp() => (Interlocked.Read(ref generation), coherence.Epoch);

    /// <summary>Stores <paramref name="value"/>, read from the database, as <paramref name="key"/>'s if no invalidation came after <paramref name="stamp"/>.</summary>
    public void Keep(string key, TValue? value, (long Generation, long Epoch) stamp)
    {
        lock (gate)
        {
            if (coherence.Trusted && generation == stamp.Generation && coherence.Epoch == stamp.Epoch)
            {
                entries[key] = new Entry(value, stamp.Epoch, time.GetUtcNow() + CacheCoherence.EntryLifetime);
            }
        }
    }

    /// <summary>
    /// This node committed <paramref name="value"/> as <paramref name="key"/>'s: fails every read that started before the
    /// write, and serves the new value at once if nothing else was invalidated since <paramref name="stamp"/>.
    /// </summary>
    public void Wrote(string key, TValue? value, (long Generation, long Epoch) stamp)
    {
        lock (gate)
        {
            var unchanged = generation == stamp.Generation && coherence.Epoch == stamp.Epoch;
            generation++;
            if (coherence.Trusted && unchanged)
            {
                entries[key] = new Entry(value, stamp.Epoch, time.GetUtcNow() + CacheCoherence.EntryLifetime);
            }
            else
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Drops <paramref name="key"/> (null: everything) and fails every read that started before.</summary>
    public void Forget(string? key)
    {
        lock (gate)
        {
            generation++;
            if (key is null)
            {
                entries.Clear();
            }
            else
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(TValue? Value, long Epoch, DateTimeOffset Until);
}
