using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;

namespace TcbPush.Tests.Conversations;

/// <summary>
/// SPEC §10.3's reply windows, on a fake clock: a user's message allows 5 active replies within 48 hours; the events
/// subscribe, CLICK, SCAN and user_enter_tempsession allow 3 within 1 minute; the newest trigger's window replaces
/// the previous one; typing needs an open window but no quota; the quota holds under concurrency. Runs on SQLite
/// here and on PostgreSQL (with two nodes) in <see cref="Postgres.PostgresReplyWindowTests"/>.
/// </summary>
public class ReplyWindowTests : IAsyncLifetime
{
    private const string App = PushHarness.OpenApp;
    private PushHarness push = null!;

    /// <summary>The PostgreSQL connection string to run on, or null for SQLite.</summary>
    protected virtual Task<string?> PostgresAsync() => Task.FromResult<string?>(null);

    /// <summary>A second node on the same storage for the concurrency test, or null where there is none (SQLite).</summary>
    private protected virtual Task<TestServer?> SecondNodeAsync(PushHarness harness) => Task.FromResult<TestServer?>(null);

    public async Task InitializeAsync() => push = await PushHarness.StartAsync(fakeClock: true, postgres: await PostgresAsync());

    public async Task DisposeAsync() => await push.DisposeAsync();

    [Fact]
    public async Task Message_allows_five_replies_then_answers_45047()
    {
        await push.UserSaysAsync(App);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, await push.Server.SendAsync(App, Text($"reply {i}")));
        }
        Assert.Equal(45047, await push.Server.SendAsync(App, Text("one too many")));
    }

    [Fact]
    public async Task Message_window_closes_after_48_hours()
    {
        await push.UserSaysAsync(App);

        push.Time.Advance(TimeSpan.FromHours(48) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await push.Server.SendAsync(App, Text("just in time")));
        push.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(45015, await push.Server.SendAsync(App, Text("too late")));
    }

    [Theory]
    [InlineData("subscribe")]
    [InlineData("CLICK")]
    [InlineData("SCAN")]
    [InlineData("user_enter_tempsession")]
    public async Task Event_allows_three_replies(string @event)
    {
        await push.UserEventAsync(App, @event);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, await push.Server.SendAsync(App, Text($"reply {i}")));
        }
        Assert.Equal(45047, await push.Server.SendAsync(App, Text("one too many")));
    }

    [Fact]
    public async Task Event_window_closes_after_one_minute()
    {
        await push.UserEventAsync(App, "user_enter_tempsession");

        push.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await push.Server.SendAsync(App, Text("just in time")));
        push.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(45015, await push.Server.SendAsync(App, Text("too late")));
    }

    [Fact]
    public async Task Other_events_open_no_window()
    {
        await push.UserEventAsync(App, "VIEW");

        Assert.Equal(45015, await push.Server.SendAsync(App, Text("hello?")));
    }

    [Fact]
    public async Task Newest_trigger_replaces_the_window()
    {
        await push.UserSaysAsync(App);
        Assert.Equal(0, await push.Server.SendAsync(App, Text("first")));

        await push.UserEventAsync(App, "user_enter_tempsession");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, await push.Server.SendAsync(App, Text($"reply {i}")));
        }
        Assert.Equal(45047, await push.Server.SendAsync(App, Text("the message's window is gone")));
        push.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(45015, await push.Server.SendAsync(App, Text("and so is its time")));
    }

    [Fact]
    public async Task New_message_opens_a_fresh_window()
    {
        await push.UserSaysAsync(App);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, await push.Server.SendAsync(App, Text($"reply {i}")));
        }

        await push.UserSaysAsync(App, "again");

        Assert.Equal(0, await push.Server.SendAsync(App, Text("fresh quota")));
    }

    [Fact]
    public async Task Typing_needs_an_open_window_but_no_quota()
    {
        await push.UserSaysAsync(App);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, await push.Server.SendAsync(App, Text($"reply {i}")));
        }

        Assert.Equal(0, await push.Server.TypingAsync(App));
        push.Time.Advance(TimeSpan.FromHours(48));
        Assert.Equal(45015, await push.Server.TypingAsync(App));
    }

    [Fact]
    public async Task Twenty_parallel_sends_into_a_five_message_window_let_exactly_five_through()
    {
        await push.UserSaysAsync(App);
        await using var second = await SecondNodeAsync(push);
        var nodes = second is null ? new[] { push.Server } : [push.Server, second];
        var token = await push.Server.TokenAsync(App);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => nodes[i % nodes.Length].SendAsync(App, Text($"parallel {i}"), token))));

        Assert.Equal(5, answers.Count(a => a == 0));
        Assert.Equal(15, answers.Count(a => a == 45047));
        var entries = await push.Server.EntriesAsync(App);
        Assert.Equal(5, entries.Count(e => (string?)e!["via"] == "active"));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), entries.Select(e => (long)e!["seq"]!));
    }
}
