using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Postgres;

/// <summary>
/// Two nodes on one database, each with its caches warm: what node A writes (configuration, environment, app) is in
/// force on node B once B hears A's notification, which A sends at COMMIT (docs/caching.md: the bound is that
/// notification's delivery, at most <c>CacheCoherence.EntryLifetime</c> if it were lost). The polls below only give
/// up after 20 s, far past the bound; they assert that the change arrives, not how fast.
/// </summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresTwoNodeCacheTests(PostgresTestGroup.Instance postgres)
{
    private long msgId = 9000;

    [Fact]
    public async Task A_configuration_set_on_node_A_routes_the_next_messages_on_node_B()
    {
        await using var push = await PushHarness.StartAsync(postgres: await postgres.Server.CreateDatabaseAsync());
        await using var nodeB = await push.StartNodeAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/first");
        await EventuallyOnBAsync(push, nodeB, "/ok/first");

        await push.SetContainerAsync(OpenApp, "env-ok", "/second");

        await EventuallyOnBAsync(push, nodeB, "/ok/second");
    }

    [Fact]
    public async Task A_configuration_set_on_node_A_is_what_getcallbackconfig_on_node_B_answers()
    {
        await using var push = await PushHarness.StartAsync(postgres: await postgres.Server.CreateDatabaseAsync());
        await using var nodeB = await push.StartNodeAsync();
        var token = await push.Server.TokenAsync(OpenApp);
        await push.SetContainerAsync(OpenApp, "env-ok", "/first");
        await EventuallyAsync(async () => await PathOnAsync(nodeB, token) == "/first", "node B never answered /first");

        await push.SetContainerAsync(OpenApp, "env-ok", "/second");

        await EventuallyAsync(async () => await PathOnAsync(nodeB, token) == "/second", "node B never answered /second");
    }

    [Fact]
    public async Task An_environment_changed_on_node_A_routes_the_next_messages_on_node_B()
    {
        await using var push = await PushHarness.StartAsync(postgres: await postgres.Server.CreateDatabaseAsync());
        await using var nodeB = await push.StartNodeAsync();
        await push.AddEnvAsync("env-moving", "/before");
        await push.SetContainerAsync(OpenApp, "env-moving", "/c");
        await EventuallyOnBAsync(push, nodeB, "/before/c");

        await push.AddEnvAsync("env-moving", "/after");

        await EventuallyOnBAsync(push, nodeB, "/after/c");
    }

    [Fact]
    public async Task An_app_removed_on_node_A_is_refused_by_node_B_and_accepted_again_once_registered_again()
    {
        await using var push = await PushHarness.StartAsync(postgres: await postgres.Server.CreateDatabaseAsync());
        await using var nodeB = await push.StartNodeAsync();
        Assert.Equal(200, (await PushToAsync(nodeB, OpenApp, "")).Status);

        AssertOk(await push.Server.AdminAsync(HttpMethod.Delete, $"/admin/apps/{OpenApp}"));
        await EventuallyAsync(async () => (await PushToAsync(nodeB, OpenApp, "")).Status == 404, "node B kept accepting the removed app");
        AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/apps", new JsonObject { ["appid"] = OpenApp, ["secret"] = "secret-" + OpenApp }));

        await EventuallyAsync(async () => (await PushToAsync(nodeB, OpenApp, "")).Status == 200, "node B kept refusing the registered app");
    }

    [Fact]
    public async Task A_message_token_and_secret_rotated_on_node_A_are_the_ones_node_B_checks()
    {
        await using var push = await PushHarness.StartAsync(postgres: await postgres.Server.CreateDatabaseAsync());
        await using var nodeB = await push.StartNodeAsync();
        Assert.Equal(200, (await PushToAsync(nodeB, SignedApp, SignedQuery())).Status);
        await nodeB.TokenAsync(SignedApp);

        AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/apps", new JsonObject
        {
            ["appid"] = SignedApp, ["secret"] = "rotated-secret", ["token"] = "RotatedToken9",
        }));

        await EventuallyAsync(async () => (await PushToAsync(nodeB, SignedApp, SignedQuery("RotatedToken9"))).Status == 200,
            "node B never accepted the new message token");
        Assert.Equal(401, (await PushToAsync(nodeB, SignedApp, SignedQuery())).Status);
        var withOld = await nodeB.GetJsonAsync($"/cgi-bin/token?grant_type=client_credential&appid={SignedApp}&secret=secret-{SignedApp}");
        Assert.Equal(40125, withOld["errcode"]!.GetValue<int>());
    }

    /// <summary>Pushes messages to node B until one is routed to <paramref name="sinkPath"/> on the sink.</summary>
    private async Task EventuallyOnBAsync(PushHarness push, TestServer nodeB, string sinkPath) =>
        await EventuallyAsync(async () =>
        {
            var id = Interlocked.Increment(ref msgId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(200, (await PushToAsync(nodeB, OpenApp, "", id)).Status);
            return await RoutingCacheTests.TargetOfAsync(push, OpenApp, id) == push.Sink.Url + sinkPath;
        }, $"node B never routed to {sinkPath}");

    private async Task<(int Status, string Body)> PushToAsync(TestServer node, string appId, string query, string? id = null)
    {
        id ??= Interlocked.Increment(ref msgId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var content = new StringContent(TextXml(id));
        using var response = await node.Http.PostAsync($"/push/{appId}{query}", content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> PathOnAsync(TestServer node, string token) =>
        (await node.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", "{}"))["data"]!["container_config"]!["qbase_container_path"]!
            .GetValue<string>();

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            Assert.False(timeout.IsCancellationRequested, failure);
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
