using System.Globalization;
using System.Text.Json.Nodes;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Push;

/// <summary>
/// A target that keeps failing is backed off (docs/push-router.md, "Target circuits"): after
/// <c>Push:CircuitFailures</c> failed attempts in a row its circuit opens for <c>Push:CircuitCooldown</c>, its deliveries
/// wait (holding no slots) and say why; then one trial attempt: a success closes it, a failure opens it for twice as long.
/// On a fake clock, with a retry schedule (1 s, 2 s, … 8 s) shorter than the cool-down.
/// </summary>
public sealed class TargetCircuitTests
{
    private const int Failures = 3;
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Circuit_opens_after_the_configured_failures_in_a_row_and_its_deliveries_wait_with_a_note()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-fail", "/down");

        var ids = await FailThriceAsync(push);

        var target = Assert.Single(await TargetsAsync(push))!;
        Assert.Equal(push.Sink.Url + "/fail/down", (string?)target["target_url"]);
        Assert.Equal("open", (string?)target["state"]);
        Assert.Equal(Failures, (int?)target["consecutive_failures"]);
        var retryAt = Time(target["retry_at"]);
        Assert.Equal(Cooldown, retryAt - Time(target["opened_at"]));
        foreach (var id in ids)
        {
            var delivery = await push.WaitForDeliveryAsync(id, d => ((string?)d["last_error"])?.StartsWith("target circuit open until", StringComparison.Ordinal) == true,
                "noted as waiting for the circuit");
            Assert.Equal("pending", (string?)delivery["status"]);
            Assert.Equal(retryAt, Time(delivery["next_attempt_at"]));
        }
    }

    [Fact]
    public async Task Open_circuit_holds_back_its_target_while_a_healthy_target_keeps_delivering()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-fail", "/down");
        await push.SetContainerAsync(SignedApp, "env-ok", "/up");
        await FailThriceAsync(push);

        push.Time.Advance(TimeSpan.FromSeconds(5)); // past the retries the schedule would make, well before the cool-down ends
        var healthy = await push.SimulateTextAsync(SignedApp);

        await push.WaitForStatusAsync(healthy, "delivered", 1);
        Assert.Equal(Failures, push.Sink.ReceivedUnder("/fail/down").Count);
        Assert.Equal("open", (string?)Assert.Single(await TargetsAsync(push))!["state"]);
    }

    [Fact]
    public async Task After_the_cooldown_one_trial_attempt_is_made_and_its_success_closes_the_circuit()
    {
        await using var push = await StartAsync();
        await push.AddEnvAsync("env-recovering", $"/flaky/{Failures}");
        await push.SetContainerAsync(OpenApp, "env-recovering", "/back");
        var ids = await FailThriceAsync(push);

        push.Time.Advance(Cooldown);

        foreach (var id in ids)
        {
            await push.WaitForStatusAsync(id, "delivered", 2);
        }
        Assert.Empty(await TargetsAsync(push));
    }

    [Fact]
    public async Task Failed_trial_opens_the_circuit_again_for_twice_as_long()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-fail", "/down");
        await FailThriceAsync(push);

        push.Time.Advance(Cooldown);
        await push.Sink.WaitForAsync("/fail/down", Failures + 1);

        var reopened = await WaitForTargetAsync(push, t => (int?)t["consecutive_failures"] == Failures + 1 && (string?)t["state"] == "open");
        Assert.Equal(2 * Cooldown, Time(reopened["retry_at"]) - Time(reopened["opened_at"]));
        Assert.Equal(Failures + 1, push.Sink.ReceivedUnder("/fail/down").Count);
    }

    /// <summary>Three messages to the app's target; each first attempt fails, which opens the circuit.</summary>
    private static async Task<long[]> FailThriceAsync(PushHarness push)
    {
        var ids = new long[Failures];
        for (var i = 0; i < Failures; i++)
        {
            ids[i] = await push.SimulateTextAsync(OpenApp, $"m{i}");
        }
        foreach (var id in ids)
        {
            await push.WaitForStatusAsync(id, "pending", 1);
        }
        await WaitForTargetAsync(push, t => (string?)t["state"] == "open");
        return ids;
    }

    private static async Task<JsonObject> WaitForTargetAsync(PushHarness push, Func<JsonObject, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var targets = await TargetsAsync(push);
            if (targets.Count == 1 && condition(targets[0]!.AsObject()))
            {
                return targets[0]!.AsObject();
            }
            Assert.False(timeout.IsCancellationRequested, $"the target never got there: {targets.ToJsonString()}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task<JsonArray> TargetsAsync(PushHarness push) =>
        AssertOk(await push.Server.AdminAsync(HttpMethod.Get, "/admin/targets"))["targets"]!.AsArray();

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);

    private static Task<PushHarness> StartAsync() => PushHarness.StartAsync(fakeClock: true, options =>
    {
        options.Push.CircuitFailures = Failures;
        options.Push.CircuitCooldown = Cooldown;
        options.Push.RetrySchedule = [.. Enumerable.Range(1, 8).Select(s => TimeSpan.FromSeconds(s))];
        options.Push.RetryJitter = 0;
    });
}
