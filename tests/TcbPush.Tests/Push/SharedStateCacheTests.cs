using Microsoft.Extensions.Time.Testing;
using TcbPush.Server.Apps;

namespace TcbPush.Tests.Push;

/// <summary>The rules every cache of shared state follows (<see cref="SharedStateCache{TValue}"/>), one behaviour each.</summary>
public sealed class SharedStateCacheTests
{
    private readonly FakeTimeProvider time = new();
    private int loads;

    [Fact]
    public async Task A_second_read_is_served_from_memory()
    {
        var cache = new SharedStateCache<string>("t", new CacheCoherence(singleNode: true), time);

        await cache.GetAsync("k", Load("v"));
        var second = await cache.GetAsync("k", Load("other"));

        Assert.Equal(("v", 1), (second, loads));
    }

    [Fact]
    public async Task A_read_that_raced_with_an_invalidation_is_not_kept()
    {
        var cache = new SharedStateCache<string>("t", new CacheCoherence(singleNode: true), time);
        var slow = new TaskCompletionSource<string?>();

        var racing = cache.GetAsync("k", _ => slow.Task);
        cache.Forget("k");
        slow.SetResult("old");
        await racing;
        var next = await cache.GetAsync("k", Load("new"));

        Assert.Equal("new", next);
    }

    [Fact]
    public async Task A_write_serves_the_written_value_and_a_read_that_started_before_it_cannot_put_the_old_one_back()
    {
        var cache = new SharedStateCache<string>("t", new CacheCoherence(singleNode: true), time);
        var slow = new TaskCompletionSource<string?>();
        var racing = cache.GetAsync("k", _ => slow.Task);

        cache.Wrote("k", "written", cache.Stamp());
        slow.SetResult("old");
        await racing;
        var next = await cache.GetAsync("k", Load("reloaded"));

        Assert.Equal("written", next);
    }

    [Fact]
    public async Task A_notification_from_another_node_drops_the_entry()
    {
        var coherence = new CacheCoherence(singleNode: false);
        coherence.Listening();
        var cache = new SharedStateCache<string>("t", coherence, time);
        await cache.GetAsync("k", Load("v1"));

        coherence.Forget("t", "k");
        var next = await cache.GetAsync("k", Load("v2"));

        Assert.Equal("v2", next);
    }

    [Fact]
    public async Task While_other_nodes_cannot_be_heard_every_read_goes_to_the_database()
    {
        var coherence = new CacheCoherence(singleNode: false);
        var cache = new SharedStateCache<string>("t", coherence, time);

        await cache.GetAsync("k", Load("v"));
        await cache.GetAsync("k", Load("v"));
        coherence.Listening();
        await cache.GetAsync("k", Load("v"));
        coherence.Interrupted();
        await cache.GetAsync("k", Load("v"));

        Assert.Equal(4, loads);
    }

    [Fact]
    public async Task What_was_cached_before_the_listener_reconnected_is_read_again()
    {
        var coherence = new CacheCoherence(singleNode: false);
        coherence.Listening();
        var cache = new SharedStateCache<string>("t", coherence, time);
        await cache.GetAsync("k", Load("v1"));

        coherence.Interrupted();
        coherence.Listening();
        var next = await cache.GetAsync("k", Load("v2"));

        Assert.Equal("v2", next);
    }

    [Fact]
    public async Task An_entry_is_reloaded_after_its_lifetime_even_without_a_notification()
    {
        var cache = new SharedStateCache<string>("t", new CacheCoherence(singleNode: true), time);
        await cache.GetAsync("k", Load("v1"));

        time.Advance(CacheCoherence.EntryLifetime);
        var next = await cache.GetAsync("k", Load("v2"));

        Assert.Equal("v2", next);
    }

    [Fact]
    public async Task An_absent_value_is_cached_too_and_a_write_replaces_it()
    {
        var cache = new SharedStateCache<string>("t", new CacheCoherence(singleNode: true), time);
        await cache.GetAsync("k", Load(null));
        var stillAbsent = await cache.GetAsync("k", Load("ignored"));

        cache.Forget("k");
        var present = await cache.GetAsync("k", Load("v"));

        Assert.Equal((null, "v", 2), (stillAbsent, present, loads));
    }

    private Func<string, Task<string?>> Load(string? value) => _ =>
    {
        loads++;
        return Task.FromResult(value);
    };
}
