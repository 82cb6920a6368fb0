using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Tests.Conversations;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Push.PushHarness;
using TcbPush.Server.Credentials;
using TcbPush.Server.Push;
using TcbPush.Server.Storage;
using TcbPush.Server.Storage.Postgres;

namespace TcbPush.Tests.Postgres;

/// <summary>
/// Two TcbPush nodes on one PostgreSQL database (and one data folder, for the shared master key): what one node
/// stores, the other serves, and their delivery workers share the queue without delivering anything twice.
/// </summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresTwoNodeTests(PostgresTestGroup.Instance postgres)
{
    [Fact]
    public async Task Token_issued_on_one_node_works_on_the_other_and_a_configuration_set_on_one_is_read_on_the_other()
    {
        await using var push = await PushHarness.StartAsync(postgres: await postgres.Server.CreateDatabaseAsync());
        await using var nodeB = await push.StartNodeAsync();
        Assert.IsType<PostgresDatabase>(push.Server.Services.GetRequiredService<IStorageBackend>());
        Assert.IsType<PostgresDatabase>(nodeB.Services.GetRequiredService<IStorageBackend>());
        var token = await push.Server.TokenAsync(OpenApp);

        var set = await nodeB.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}", new JsonObject
        {
            ["container_config"] = new JsonObject { ["enable"] = true, ["qbase_env"] = "env-ok", ["qbase_container_path"] = "/from-b" },
        });
        var read = await push.Server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", "{}");
        var tokenOfB = await nodeB.TokenAsync(OpenApp);
        var readWithB = await push.Server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={tokenOfB}", "{}");

        Assert.Equal(0, set["errcode"]!.GetValue<int>());
        Assert.Equal("/from-b", read["data"]!["container_config"]!["qbase_container_path"]!.GetValue<string>());
        Assert.Equal(0, readWithB["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Concurrent_token_issues_on_two_nodes_take_turns_and_each_gets_its_own_generation()
    {
        await using var push = await PushHarness.StartAsync(postgres: await postgres.Server.CreateDatabaseAsync());
        await using var nodeB = await push.StartNodeAsync();
        const int issues = 24;

        var tokens = await Task.WhenAll(Enumerable.Range(0, issues).Select(i => Task.Run(() => (i % 2 == 0 ? push.Server : nodeB).TokenAsync(OpenApp))));

        Assert.Equal(issues, tokens.Distinct().Count());
        var history = await push.Server.Services.GetRequiredService<ITokenStore>()
            .RecentAsync(TcbPush.Server.Credentials.TokenKind.App.ToString(), OpenApp, DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
        Assert.Equal(Enumerable.Range(1, issues).Select(g => (long)g).Reverse(), history.Select(g => g.Generation));
    }

    [Fact]
    public async Task Deliveries_ingested_on_both_nodes_are_each_delivered_exactly_once()
    {
        await using var push = await PushHarness.StartAsync(postgres: await postgres.Server.CreateDatabaseAsync());
        var nodeB = await push.StartNodeAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/both");
        const int messages = 80;

        await Task.WhenAll(Enumerable.Range(0, messages).Select(i => Task.Run(async () =>
        {
            using var content = new StringContent(TextXml((7000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), $"m{i}"));
            using var response = await (i % 2 == 0 ? push.Server : nodeB).Http.PostAsync($"/push/{OpenApp}", content);
            Assert.Equal("success", await response.Content.ReadAsStringAsync());
        })));
        await push.Sink.WaitForAsync("/ok/both", messages);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while ((await push.DeliveriesAsync($"?appid={OpenApp}&status=delivered&limit=200")).Count < messages)
            {
                Assert.False(timeout.IsCancellationRequested, "not every delivery was recorded as delivered");
                await Task.Delay(20, CancellationToken.None);
            }
        }

        // Stop both nodes (their attempts in flight end or are abandoned), then count what the target received.
        await nodeB.DisposeAsync();
        await push.RestartAsync(whileStopped: () =>
        {
            var received = push.Sink.ReceivedUnder("/ok/both").Select(r => r.BodyText).ToList();
            Assert.Equal(messages, received.Count);
            for (var i = 0; i < messages; i++)
            {
                Assert.Single(received, body => body.Contains($"\"Content\":\"m{i}\"", StringComparison.Ordinal));
            }
            return Task.CompletedTask;
        });
        var deliveries = await push.DeliveriesAsync($"?appid={OpenApp}&limit=200");
        Assert.Equal(messages, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal((1, "delivered"), ((int)d!["attempts"]!, (string?)d["status"])));
    }

    [Fact]
    public async Task Delivery_stored_on_one_node_wakes_the_other_nodes_worker_at_once()
    {
        // Node A's worker never claims anything: only node B can deliver, and B is told by NOTIFY, not by its idle timer.
        var (push, nodeB) = await OnlyNodeBDeliversAsync("/woken");
        await using var _ = push;
        await using var __ = nodeB;

        await push.PushAsync(OpenApp, TextXml("7500"));
        await push.PushAsync(OpenApp, TextXml("7501"));

        // Well within the worker's one-minute idle recheck.
        var received = await push.Sink.WaitForAsync("/ok/woken", count: 2, timeout: TimeSpan.FromSeconds(15));
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task Burst_of_deliveries_stored_on_one_node_is_delivered_by_the_other_nodes_worker()
    {
        // Node A's notifications of the burst are coalesced (PostgresNotifier); node B must still hear of the work.
        var (push, nodeB) = await OnlyNodeBDeliversAsync("/burst");
        await using var _ = push;
        await using var __ = nodeB;

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => push.PushAsync(OpenApp, TextXml($"{7600 + i}", from: $"oUser{i:D4}"))));

        Assert.All(answers, a => Assert.Equal((200, "success"), a));
        // Well within the worker's one-minute idle recheck.
        var received = await push.Sink.WaitForAsync("/ok/burst", count: 30, timeout: TimeSpan.FromSeconds(15));
        Assert.Equal(30, received.Count);
    }

    /// <summary>Two nodes on one database, container push to <paramref name="path"/>; node A's worker has no slots, node B's does the delivering.</summary>
    private async Task<(PushHarness Push, TestServer NodeB)> OnlyNodeBDeliversAsync(string path)
    {
        var push = await PushHarness.StartAsync(adjust: o => o.Push.MaxConcurrentDeliveries = 0, postgres: await postgres.Server.CreateDatabaseAsync());
        var nodeB = await push.StartNodeAsync(adjust: o => o.Push.MaxConcurrentDeliveries = 64);
        await push.SetContainerAsync(OpenApp, "env-ok", path);
        return (push, nodeB);
    }

    [Fact]
    public async Task Messages_of_one_user_pushed_to_both_nodes_at_once_are_each_stored_and_numbered_once()
    {
        await using var push = await PushHarness.StartAsync(adjust: o => o.Push.MaxConcurrentDeliveries = 0,
            postgres: await postgres.Server.CreateDatabaseAsync());
        await using var nodeB = await push.StartNodeAsync(adjust: o => o.Push.MaxConcurrentDeliveries = 0);
        await push.SetContainerAsync(OpenApp, "env-ok", "/numbered");

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var content = new StringContent(TextXml($"{7700 + i}", content: $"m{i}"), System.Text.Encoding.UTF8, "text/xml");
            using var response = await (i % 2 == 0 ? push.Server : nodeB).Http.PostAsync($"/push/{OpenApp}", content);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal((200, "success"), a));
        var entries = await push.Server.EntriesAsync(OpenApp, "oUser0001");
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), entries.Select(e => (long)e!["seq"]!));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"m{i}").Order(), entries.Select(e => (string)e!["text"]!).Order());
        Assert.Equal(40, (await push.DeliveriesAsync("?limit=100")).Count);
    }

    [Fact]
    public async Task Delivery_claimed_by_a_node_that_died_is_delivered_by_the_other_once_its_lease_ends()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var push = await PushHarness.StartAsync(fakeClock: true, postgres: database);
        await push.AddEnvAsync("env-flaky", "/flaky/1");
        await push.SetContainerAsync(OpenApp, "env-flaky", "/takeover");
        var id = await push.SimulateTextAsync(OpenApp);
        var failed = await push.WaitForStatusAsync(id, "pending", 1);
        var due = DateTimeOffset.Parse((string)failed["next_attempt_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        var lease = new PushOptions().ClaimLease;

        // Another node, its clock past the retry's due time, claims the delivery and dies before attempting it.
        var dyingNow = due + TimeSpan.FromSeconds(1);
        var claimed = Assert.Single(await DyingWorker.ClaimAsync(push, dyingNow, lease));
        Assert.Equal(id, claimed.Id);
        Assert.Equal("delivering", (string?)(await push.DeliveryAsync(id))["delivery"]!["status"]);

        // Until the lease ends nobody else attempts it; then the surviving node does, once.
        push.Time.Advance(dyingNow - push.Time.GetUtcNow() + lease - TimeSpan.FromSeconds(1));
        Assert.Equal("delivering", (string?)(await push.DeliveryAsync(id))["delivery"]!["status"]);
        Assert.Single(push.Sink.ReceivedUnder("/flaky/1/takeover"));
        push.Time.Advance(TimeSpan.FromSeconds(2));

        await push.WaitForStatusAsync(id, "delivered", 2);
        Assert.Equal(2, push.Sink.ReceivedUnder("/flaky/1/takeover").Count);
    }
}
