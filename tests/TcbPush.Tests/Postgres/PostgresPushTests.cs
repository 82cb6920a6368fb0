using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Push.PushHarness;
using TcbPush.Server.Push;

namespace TcbPush.Tests.Postgres;

/// <summary>SPEC §6 on PostgreSQL: routing and delivery, dedupe, retries on the schedule, dead letters.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresPushTests(PostgresTestGroup.Instance postgres)
{
    private static readonly IReadOnlyList<TimeSpan> Schedule = new PushOptions().RetrySchedule;

    [Fact]
    public async Task Message_is_routed_and_delivered_to_the_container()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/json", textMode: 1);

        Assert.Equal((200, "success"), await push.PushAsync(OpenApp, TextXml("5001", "你好")));

        var received = Assert.Single(await push.Sink.WaitForAsync("/ok/json"));
        Assert.Equal(TextJson("5001", "你好"), received.BodyText);
        var delivery = Assert.Single(await push.DeliveriesAsync($"?appid={OpenApp}"))!;
        Assert.Equal("delivered", (string?)delivery["status"]);
    }

    [Fact]
    public async Task Same_message_twice_is_a_duplicate_even_after_a_restart()
    {
        await using var push = await StartAsync();
        await push.PushAsync(OpenApp, TextXml("5002"));
        var again = await push.PushAsync(OpenApp, TextXml("5002"));
        await push.RestartAsync();
        var afterRestart = await push.PushAsync(OpenApp, TextXml("5002"));
        await push.PushAsync(OpenApp, TextXml("5003"));

        Assert.Equal((200, "success"), again);
        Assert.Equal((200, "success"), afterRestart);
        Assert.Equal(2, (await push.DeliveriesAsync($"?appid={OpenApp}")).Count);
    }

    [Fact]
    public async Task Failed_attempts_are_retried_on_the_schedule_until_delivered()
    {
        await using var push = await StartAsync(fakeClock: true);
        await push.AddEnvAsync("env-flaky", "/flaky/2");
        await push.SetContainerAsync(OpenApp, "env-flaky", "/retry");
        var id = await push.SimulateTextAsync(OpenApp);

        var first = await push.WaitForStatusAsync(id, "pending", 1);
        Assert.Equal(503, (int?)first["last_status"]);
        push.Time.Advance(Schedule[0] * 1.2 + TimeSpan.FromSeconds(1));
        await push.WaitForStatusAsync(id, "pending", 2);
        push.Time.Advance(Schedule[1] * 1.2 + TimeSpan.FromSeconds(1));

        var delivered = await push.WaitForStatusAsync(id, "delivered", 3);
        Assert.Equal(200, (int?)delivered["last_status"]);
        Assert.Null(delivered["next_attempt_at"]);
        Assert.Equal(3, push.Sink.ReceivedUnder("/flaky/2/retry").Count);
        Assert.Equal(3, (await push.DeliveryAsync(id))["attempts"]!.AsArray().Count);
    }

    [Fact]
    public async Task Delivery_is_dead_after_the_last_attempt_of_the_schedule()
    {
        await using var push = await StartAsync(fakeClock: true);
        await push.SetContainerAsync(OpenApp, "env-fail", "/dead");
        var id = await push.SimulateTextAsync(OpenApp);

        for (var attempt = 1; attempt <= Schedule.Count; attempt++)
        {
            await push.WaitForStatusAsync(id, "pending", attempt);
            push.Time.Advance(Schedule[attempt - 1] * 1.2 + TimeSpan.FromSeconds(1));
        }

        var dead = await push.WaitForStatusAsync(id, "dead", Schedule.Count + 1);
        Assert.Null(dead["next_attempt_at"]);
        Assert.Equal(500, (int?)dead["last_status"]);
        Assert.Equal(9, push.Sink.ReceivedUnder("/fail/dead").Count);
    }

    private async Task<PushHarness> StartAsync(bool fakeClock = false) =>
        await PushHarness.StartAsync(fakeClock, postgres: await postgres.Server.CreateDatabaseAsync());
}
