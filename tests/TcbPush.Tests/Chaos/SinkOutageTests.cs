using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Chaos;

/// <summary>
/// SPEC §6.4 through an outage of the target: it answers 503, or refuses connections, for a while, then comes back.
/// Every message ends delivered, within the retry schedule (set short here, as configuration allows), with the
/// target's circuit opening during the outage (cool-down 1 s) and closing when it is back.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class SinkOutageTests
{
    private const int Messages = 20;

    [Fact]
    public async Task Every_message_ends_delivered_when_a_target_answering_503_comes_back()
    {
        await using var push = await StartAsync();
        // 5 failures open the circuit, the first trial fails too (the circuit opens again for 2 s), the second succeeds.
        await push.AddEnvAsync("env-outage", "/flaky/6");
        await push.SetContainerAsync(OpenApp, "env-outage", "/503");

        var ids = await SimulateAsync(push);

        await AssertAllDeliveredAsync(push, ids);
        Assert.Equal(Messages + 6, push.Sink.ReceivedUnder("/flaky/6/503").Count);
    }

    [Fact]
    public async Task Every_message_ends_delivered_when_a_target_refusing_connections_comes_back()
    {
        await using var push = await StartAsync();
        var url = $"http://127.0.0.1:{FreePort()}";
        AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/envs", new JsonObject
        {
            ["env"] = "env-gone", ["container_base_url"] = url, ["function_base_url"] = url,
        }));
        await push.SetContainerAsync(OpenApp, "env-gone", "/refused");

        var ids = await SimulateAsync(push);
        await WaitForCircuitAsync(push, failures: 6); // opened, and a trial failed
        await using var back = await Sink.StartAsync(url);

        await AssertAllDeliveredAsync(push, ids);
        Assert.Equal(Messages, back.ReceivedUnder("/refused").Select(r => r.BodyText).Distinct().Count());
    }

    private static async Task<long[]> SimulateAsync(PushHarness push)
    {
        var ids = new long[Messages];
        for (var i = 0; i < Messages; i++)
        {
            ids[i] = await push.SimulateTextAsync(OpenApp, $"outage {i}");
        }
        return ids;
    }

    private static async Task AssertAllDeliveredAsync(PushHarness push, long[] ids)
    {
        foreach (var id in ids)
        {
            await push.WaitForDeliveryAsync(id, d => (string?)d["status"] is "delivered" or "dead", "finished");
            var delivery = (await push.DeliveryAsync(id))["delivery"]!;
            Assert.True((string?)delivery["status"] == "delivered", delivery.ToJsonString());
        }
    }

    private static async Task WaitForCircuitAsync(PushHarness push, int failures)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var targets = AssertOk(await push.Server.AdminAsync(HttpMethod.Get, "/admin/targets"))["targets"]!.AsArray();
            if (targets.Any(t => (int?)t!["consecutive_failures"] >= failures))
            {
                return;
            }
            Assert.False(timeout.IsCancellationRequested, $"the target never failed {failures} times in a row: {targets.ToJsonString()}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<PushHarness> StartAsync() => PushHarness.StartAsync(adjust: options =>
    {
        options.Push.RetrySchedule =
        [
            TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5),
        ];
        options.Push.CircuitCooldown = TimeSpan.FromSeconds(1);
    });
}
