using TcbPush.Tests.Conversations;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Operations;

/// <summary>
/// SPEC §12 retention (<c>Push:Retention</c>, default 7 days), on a fake clock: finished deliveries, their attempts
/// and messages, and conversation entries older than the retention are swept away; pending deliveries stay.
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Finished_deliveries_and_conversation_entries_older_than_the_retention_are_deleted_and_pending_ones_kept()
    {
        await using var push = await PushHarness.StartAsync(fakeClock: true, adjust: o => o.Push.RetrySchedule = [TimeSpan.FromDays(30)]);
        await push.SetContainerAsync(OpenApp, "env-ok", "/retained");
        var delivered = (long)(await push.UserSaysAsync(OpenApp, "old"))["delivery_id"]!;
        await push.WaitForStatusAsync(delivered, "delivered", 1);
        await push.SetContainerAsync(OpenApp, "env-fail", "/retained");
        var pending = (long)(await push.UserSaysAsync(OpenApp, "waiting", from: "oWaiting"))["delivery_id"]!;
        await push.WaitForStatusAsync(pending, "pending", 1);

        push.Time.Advance(TimeSpan.FromDays(8));
        await SweptAsync(push, () => push.DeliveriesAsync(), list => list.Count == 1);

        Assert.Equal(pending, (long)(await push.DeliveriesAsync()).Single()!["id"]!);
        Assert.Equal("pending", (string?)(await push.DeliveryAsync(pending))["delivery"]!["status"]);
        Assert.Empty(await push.Server.EntriesAsync(OpenApp));
    }

    [Fact]
    public async Task Entries_younger_than_the_retention_stay()
    {
        await using var push = await PushHarness.StartAsync(fakeClock: true, adjust: o => o.Push.Retention = TimeSpan.FromDays(2));
        await push.UserSaysAsync(OpenApp, "old");
        push.Time.Advance(TimeSpan.FromDays(1.5));
        await push.UserSaysAsync(OpenApp, "recent");

        push.Time.Advance(TimeSpan.FromDays(1));
        await SweptAsync(push, () => push.Server.EntriesAsync(OpenApp), entries => entries.Count == 1);

        Assert.Equal("recent", (string?)(await push.Server.EntriesAsync(OpenApp)).Single()!["text"]);
    }

    /// <summary>
    /// Polls (real time, bounded) until <paramref name="done"/>; each round moves the fake clock an hour on, so the
    /// sweep runs even when its timer was set after the clock was first moved.
    /// </summary>
    private static async Task SweptAsync<T>(PushHarness push, Func<Task<T>> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!done(await read()))
        {
            Assert.False(timeout.IsCancellationRequested, "the retention sweep did not run");
            await Task.Delay(50, CancellationToken.None);
            push.Time.Advance(TimeSpan.FromHours(1));
        }
    }
}
