using TcbPush.Client;
using TcbPush.Protocol.Admin;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary>The SDK's admin client for the server's status, targets and reset, and its refusal to call without an admin key.</summary>
public sealed class AdminClientOperationsTests : IAsyncLifetime
{
    private const string App = "wxops00000000001";
    private TestServer server = null!;
    private TcbPushAdminClient admin = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App), configure: o => o.PathCheck = false);
        admin = new TcbPushAdminClient(new HttpClient(), new TcbPushClientOptions { BaseAddress = new Uri(server.Url), AdminKey = TestServer.AdminKey });
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Targets_list_a_failing_target_with_its_failures()
    {
        await server.AdminAsync(HttpMethod.Post, "/admin/envs", new { env = "ops-env", container_base_url = "http://127.0.0.1:9", function_base_url = "http://127.0.0.1:9" });
        var token = await server.TokenAsync(App);
        await server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}",
            new { container_config = new { enable = true, qbase_env = "ops-env", qbase_container_path = "/nowhere", text_mode = 1 } });
        await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "hello"));

        var targets = await WaitForTargetsAsync();

        var target = Assert.Single(targets);
        Assert.Equal("http://127.0.0.1:9/nowhere", target.TargetUrl);
        Assert.True(target.ConsecutiveFailures >= 1);
    }

    private async Task<IReadOnlyList<TargetCircuitInfo>> WaitForTargetsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var targets = await admin.ListTargetsAsync();
            if (targets.Count > 0 || timeout.IsCancellationRequested)
            {
                return targets;
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Status_reports_storage_apps_and_deliveries_by_status()
    {
        await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "hello"));

        var status = await admin.GetStatusAsync();

        Assert.Equal(("sqlite", 1L), (status.Storage, status.Apps));
        Assert.NotEmpty(status.Version);
        Assert.Equal(1, status.Deliveries.Values.Sum());
        Assert.Equal(status.Deliveries["pending"] + status.Deliveries["delivering"], status.Backlog);
    }

    [Fact]
    public async Task Reset_reports_what_it_deleted_and_keeps_the_apps()
    {
        await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "hello"));

        var reset = await admin.ResetAsync();

        Assert.Equal((1L, 1L), (reset.Deleted.Messages, reset.Deleted.Deliveries));
        Assert.Empty(await admin.ListDeliveriesAsync());
        Assert.Equal(App, Assert.Single(await admin.ListAppsAsync()).AppId);
    }

    [Fact]
    public async Task Missing_admin_key_fails_before_any_request()
    {
        using var handler = new CountingHandler();
        var keyless = new TcbPushAdminClient(new HttpClient(handler), new TcbPushClientOptions { BaseAddress = new Uri(server.Url) });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => keyless.GetStatusAsync());

        Assert.Contains("AdminKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("TCBPUSH_ADMIN_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.Total);
    }

    [Fact]
    public void Watching_without_an_admin_key_fails_at_the_call()
    {
        var keyless = new TcbPushAdminClient(new HttpClient(), new TcbPushClientOptions { BaseAddress = new Uri(server.Url) });

        Assert.Throws<InvalidOperationException>(() => keyless.WatchConversationAsync(App, "oUser"));
    }
}
