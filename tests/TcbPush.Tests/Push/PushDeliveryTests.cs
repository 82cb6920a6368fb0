using System.Text.Json;
using static TcbPush.Tests.Push.PushHarness;
using TcbPush.Server.Push;
using TcbPush.Server.Startup;

namespace TcbPush.Tests.Push;

/// <summary>
/// SPEC §6.2 and §6.4: routing, what targets receive, retries, dead letters, restarts, slow targets.
/// Runs on SQLite here and on PostgreSQL in <see cref="Postgres.PostgresPushDeliveryTests"/>.
/// </summary>
public class PushDeliveryTests
{
    /// <summary>The PostgreSQL connection string to run on, or null for SQLite.</summary>
    protected virtual Task<string?> PostgresAsync() => Task.FromResult<string?>(null);

    private static readonly IReadOnlyList<TimeSpan> Schedule = new PushOptions().RetrySchedule;

    [Fact]
    public async Task Container_with_text_mode_1_receives_the_message_as_json_with_numbers_as_numbers()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/json", textMode: 1);

        await push.PushAsync(OpenApp, TextXml("4001", "你好"));

        var received = Assert.Single(await push.Sink.WaitForAsync("/ok/json"));
        Assert.Equal("POST", received.Method);
        Assert.StartsWith("application/json", received.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(TextJson("4001", "你好"), received.BodyText);
    }

    [Fact]
    public async Task Delivered_message_is_recorded_as_delivered_with_the_targets_status()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/recorded");

        Assert.Equal((200, "success"), await push.PushAsync(OpenApp, TextXml("4000")));

        // The worker records the outcome after the target answered: wait for the record, not for the target.
        var id = (long)Assert.Single(await push.DeliveriesAsync($"?appid={OpenApp}"))!["id"]!;
        var delivered = await push.WaitForStatusAsync(id, "delivered", 1);
        Assert.Equal(200, (int?)delivered["last_status"]);
        Assert.Null(delivered["next_attempt_at"]);
        Assert.Single(await push.Sink.WaitForAsync("/ok/recorded"));
    }

    [Fact]
    public async Task Container_with_text_mode_2_receives_wechat_xml()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/xml", textMode: 2);

        await push.PushAsync(OpenApp, TextJson("4002"));

        var received = Assert.Single(await push.Sink.WaitForAsync("/ok/xml"));
        Assert.StartsWith("application/xml", received.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(TextXml("4002"), received.BodyText);
    }

    [Fact]
    public async Task Function_receives_json_at_its_name_even_for_an_xml_push()
    {
        await using var push = await StartAsync();
        await push.SetFunctionAsync(OpenApp, "env-ok", "text", "", "onText");

        await push.PushAsync(OpenApp, TextXml("4003"));

        var received = Assert.Single(await push.Sink.WaitForAsync("/fn/onText"));
        Assert.Equal(TextJson("4003"), received.BodyText);
    }

    [Fact]
    public async Task Function_is_chosen_by_msgType_and_event()
    {
        await using var push = await StartAsync();
        await push.SetFunctionAsync(OpenApp, "env-ok", "event", "user_enter_tempsession", "onEnter");

        await push.PushAsync(OpenApp, EventXml("user_enter_tempsession", 1));

        var received = Assert.Single(await push.Sink.WaitForAsync("/fn/onEnter"));
        using var json = JsonDocument.Parse(received.Body);
        Assert.Equal("user_enter_tempsession", json.RootElement.GetProperty("Event").GetString());
    }

    [Fact]
    public async Task Deliveries_carry_the_x_wx_headers()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/headers");

        await push.PushAsync(OpenApp, TextXml("4004", from: "oSender42"));

        var headers = Assert.Single(await push.Sink.WaitForAsync("/ok/headers")).Headers;
        Assert.Equal("tcbpush", headers["x-wx-source"]);
        Assert.Equal(OpenApp, headers["x-wx-appid"]);
        Assert.Equal("oSender42", headers["x-wx-openid"]);
        Assert.Equal("env-ok", headers["x-wx-env"]);
    }

    [Fact]
    public async Task Message_without_a_route_is_recorded_as_unrouted_with_the_reason()
    {
        await using var push = await StartAsync();
        await push.SetFunctionAsync(OpenApp, "env-ok", "image", "", "onImage");

        await push.PushAsync(OpenApp, TextXml("4005"));

        var delivery = Assert.Single(await push.DeliveriesAsync($"?appid={OpenApp}"))!;
        Assert.Equal("unrouted", (string?)delivery["status"]);
        Assert.Equal("none", (string?)delivery["target"]);
        Assert.Contains("no enabled callback for msgType 'text'", (string?)delivery["last_error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_in_force_when_a_message_arrived_decides_its_target()
    {
        await using var push = await StartAsync(fakeClock: true);
        await push.SetContainerAsync(OpenApp, "env-fail", "/before");
        var early = await push.SimulateTextAsync(OpenApp);
        await push.WaitForStatusAsync(early, "pending", 1);

        await push.SetContainerAsync(OpenApp, "env-ok", "/after");
        var late = await push.SimulateTextAsync(OpenApp);
        await push.WaitForStatusAsync(late, "delivered", 1);
        push.Time.Advance(Schedule[0] * 1.2 + TimeSpan.FromSeconds(1));

        var retried = await push.WaitForStatusAsync(early, "pending", 2);
        Assert.EndsWith("/fail/before", (string?)retried["target_url"], StringComparison.Ordinal);
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
        AssertRetryDue(first, push.Time.GetUtcNow(), Schedule[0]);
        push.Time.Advance(Schedule[0] * 1.2 + TimeSpan.FromSeconds(1));
        var second = await push.WaitForStatusAsync(id, "pending", 2);
        AssertRetryDue(second, push.Time.GetUtcNow(), Schedule[1]);
        push.Time.Advance(Schedule[1] * 1.2 + TimeSpan.FromSeconds(1));

        var delivered = await push.WaitForStatusAsync(id, "delivered", 3);
        Assert.Equal(200, (int?)delivered["last_status"]);
        Assert.Null(delivered["next_attempt_at"]);
        Assert.Equal(3, push.Sink.ReceivedUnder("/flaky/2/retry").Count);
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

    [Fact]
    public async Task Retry_schedule_survives_a_restart()
    {
        await using var push = await StartAsync(fakeClock: true);
        await push.AddEnvAsync("env-flaky", "/flaky/1");
        await push.SetContainerAsync(OpenApp, "env-flaky", "/restart");
        var id = await push.SimulateTextAsync(OpenApp);
        var failed = await push.WaitForStatusAsync(id, "pending", 1);

        await push.RestartAsync();
        var afterRestart = (await push.DeliveryAsync(id))["delivery"]!;
        Assert.Equal("pending", (string?)afterRestart["status"]);
        Assert.Equal((string?)failed["next_attempt_at"], (string?)afterRestart["next_attempt_at"]);
        push.Time.Advance(Schedule[0] * 1.2 + TimeSpan.FromSeconds(1));

        await push.WaitForStatusAsync(id, "delivered", 2);
    }

    [Fact]
    public async Task Delivery_in_flight_when_the_process_died_is_retried_when_its_lease_ends()
    {
        await using var push = await StartAsync(fakeClock: true);
        await push.AddEnvAsync("env-flaky", "/flaky/1");
        await push.SetContainerAsync(OpenApp, "env-flaky", "/crash");
        var id = await push.SimulateTextAsync(OpenApp);
        await push.WaitForStatusAsync(id, "pending", 1);
        var lease = new PushOptions().ClaimLease;

        // While the server is down, a worker claims the delivery and dies without recording an attempt.
        await push.RestartAsync(whileStopped: async () =>
        {
            push.Time.Advance(Schedule[0] * 1.2 + TimeSpan.FromSeconds(1));
            Assert.Single(await DyingWorker.ClaimAsync(push, push.Time.GetUtcNow(), lease));
        });
        var claimed = (await push.DeliveryAsync(id))["delivery"]!;
        Assert.Equal("delivering", (string?)claimed["status"]);
        push.Time.Advance(lease + TimeSpan.FromSeconds(1));

        await push.WaitForStatusAsync(id, "delivered", 2);
    }

    [Fact]
    public async Task Slow_target_does_not_delay_deliveries_to_another_target()
    {
        await using var push = await StartAsync(adjust: o => o.Push.MaxConcurrentPerTarget = 1);
        await push.AddEnvAsync("env-slow", "/slow/2000");
        await push.SetContainerAsync(OpenApp, "env-slow", "/queue");
        await push.SetContainerAsync(SignedApp, "env-ok", "/fast");
        for (var i = 0; i < 3; i++)
        {
            await push.SimulateTextAsync(OpenApp, $"slow {i}");
        }
        await push.Sink.WaitForAsync("/slow/2000/queue");

        await push.SimulateTextAsync(SignedApp);

        var fast = Assert.Single(await push.Sink.WaitForAsync("/ok/fast"));
        var slow = await push.Sink.WaitForAsync("/slow/2000/queue", count: 2);
        Assert.Equal(2, slow.Count);
        Assert.True(fast.At < slow[1].At, "the fast target waited for the slow target's queue");
        Assert.True(slow[1].At - slow[0].At >= TimeSpan.FromMilliseconds(1900), "the slow target got more than its one concurrent attempt");
    }

    [Fact]
    public async Task Every_attempt_is_logged_with_status_latency_answer_and_error()
    {
        await using var push = await StartAsync(fakeClock: true);
        await push.AddEnvAsync("env-flaky", "/flaky/1");
        await push.SetContainerAsync(OpenApp, "env-flaky", "/log");
        var id = await push.SimulateTextAsync(OpenApp);
        await push.WaitForStatusAsync(id, "pending", 1);
        push.Time.Advance(Schedule[0] * 1.2 + TimeSpan.FromSeconds(1));
        await push.WaitForStatusAsync(id, "delivered", 2);

        var attempts = (await push.DeliveryAsync(id))["attempts"]!.AsArray();

        Assert.Equal(2, attempts.Count);
        Assert.Equal((1, 503, "not yet", "HTTP 503"),
            ((int)attempts[0]!["attempt"]!, (int?)attempts[0]!["status_code"], (string?)attempts[0]!["response_excerpt"], (string?)attempts[0]!["error"]));
        Assert.Equal((2, 200, "success", (string?)null),
            ((int)attempts[1]!["attempt"]!, (int?)attempts[1]!["status_code"], (string?)attempts[1]!["response_excerpt"], (string?)attempts[1]!["error"]));
        Assert.EndsWith("/flaky/1/log", (string?)attempts[0]!["target_url"], StringComparison.Ordinal);
        Assert.True((long)attempts[0]!["latency_ms"]! >= 0);
        Assert.True(DateTimeOffset.Parse((string)attempts[1]!["at"]!, System.Globalization.CultureInfo.InvariantCulture) >
                    DateTimeOffset.Parse((string)attempts[0]!["at"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unreachable_target_is_a_failed_attempt_with_the_error()
    {
        await using var push = await StartAsync();
        await push.Server.AdminAsync(HttpMethod.Post, "/admin/envs", new System.Text.Json.Nodes.JsonObject
        {
            ["env"] = "env-gone", ["container_base_url"] = "http://127.0.0.1:9", ["function_base_url"] = "http://127.0.0.1:9",
        });
        await push.SetContainerAsync(OpenApp, "env-gone", "/nobody");
        var id = await push.SimulateTextAsync(OpenApp);

        var failed = await push.WaitForStatusAsync(id, "pending", 1);

        Assert.Null(failed["last_status"]);
        Assert.Contains("ConnectionError", (string?)failed["last_error"], StringComparison.Ordinal);
    }

    private static void AssertRetryDue(System.Text.Json.Nodes.JsonObject delivery, DateTimeOffset failedAt, TimeSpan wait)
    {
        var due = DateTimeOffset.Parse((string)delivery["next_attempt_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(due - failedAt, wait * 0.8 - TimeSpan.FromMilliseconds(1), wait * 1.2 + TimeSpan.FromMilliseconds(1));
    }

    private async Task<PushHarness> StartAsync(bool fakeClock = false, Action<TcbPushOptions>? adjust = null) =>
        await PushHarness.StartAsync(fakeClock, adjust, await PostgresAsync());
}
