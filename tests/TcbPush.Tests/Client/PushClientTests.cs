using TcbPush.Client;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary>
/// The SDK's simulated messages and delivery log (admin API) against a real server and a recording sink.
/// Needs the server's push router and its admin endpoints (built on another branch).
/// </summary>
public sealed class PushClientTests : IAsyncLifetime
{
    private const string App = "wxpush0000000001";
    private const string Unconfigured = "wxpush0000000002";
    private Sink sink = null!;
    private TestServer server = null!;
    private TcbPushAdminClient admin = null!;

    public async Task InitializeAsync()
    {
        sink = await Sink.StartAsync();
        server = await TestServer.StartAsync(TestServer.Seed(sink.Url, App, Unconfigured));
        admin = new TcbPushAdminClient(new HttpClient(), new TcbPushClientOptions { BaseAddress = new Uri(server.Url), AdminKey = TestServer.AdminKey });
        var wechat = new WeChatClient(new HttpClient(), new TcbPushClientOptions { BaseAddress = new Uri(server.Url), AppId = App, AppSecret = "secret-" + App });
        await wechat.SetCallbackConfigAsync(new SetCallbackConfigRequest(new FunctionConfig(true, [new Callback("text", "", "env-ok", "onText", true)])));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await sink.DisposeAsync();
    }

    [Fact]
    public async Task Simulated_text_message_is_pending_delivery()
    {
        var sent = await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "hello", From: "openid-1"));

        Assert.Equal("pending", sent.Status);
        Assert.NotNull(sent.DeliveryId);
        Assert.NotEmpty(sent.MsgId);
    }

    [Fact]
    public async Task Simulated_text_message_reaches_the_configured_function()
    {
        await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "hello from the sdk", From: "openid-1"));

        var received = Assert.Single(await sink.WaitForAsync("/fn/onText"));
        Assert.Contains("hello from the sdk", received.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_without_a_route_is_unrouted()
    {
        var sent = await admin.SendMessageAsync(Unconfigured, new SimulatedMessage("text", Content: "nobody listens"));

        Assert.Equal("unrouted", sent.Status);
    }

    [Fact]
    public async Task Delivered_message_is_listed_with_its_status()
    {
        var sent = await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "hello"));

        var delivery = await WaitForStatusAsync(sent.DeliveryId!.Value, "delivered");

        Assert.Equal(App, delivery.AppId);
        Assert.Equal("text", delivery.MsgType);
        Assert.Equal("function", delivery.Target);
        Assert.Equal(sent.MsgId, delivery.MsgId);
    }

    [Fact]
    public async Task Deliveries_are_listed_newest_first_and_filtered_by_app()
    {
        var first = await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "one"));
        var second = await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "two"));
        await admin.SendMessageAsync(Unconfigured, new SimulatedMessage("text", Content: "elsewhere"));

        var listed = await admin.ListDeliveriesAsync(new DeliveryQuery(AppId: App));

        Assert.Equal([second.DeliveryId!.Value, first.DeliveryId!.Value], listed.Select(d => d.Id));
    }

    [Fact]
    public async Task Delivery_detail_lists_its_attempts()
    {
        var sent = await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "hello"));
        await WaitForStatusAsync(sent.DeliveryId!.Value, "delivered");

        var detail = await admin.GetDeliveryAsync(sent.DeliveryId.Value);

        var attempt = Assert.Single(detail.Attempts);
        Assert.Equal(200, attempt.StatusCode);
        Assert.EndsWith("/fn/onText", attempt.TargetUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_makes_a_new_delivery_of_the_same_message()
    {
        var sent = await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: "again"));
        await WaitForStatusAsync(sent.DeliveryId!.Value, "delivered");

        var replay = await admin.ReplayDeliveryAsync(sent.DeliveryId.Value);

        var delivery = (await admin.GetDeliveryAsync(replay)).Delivery;
        Assert.Equal(sent.DeliveryId, delivery.ReplayOf);
        Assert.Equal(sent.MsgId, delivery.MsgId);
        Assert.Equal(2, (await sink.WaitForAsync("/fn/onText", 2)).Count);
    }

    [Fact]
    public async Task Bulk_replay_by_ids_answers_one_new_delivery_per_id()
    {
        var ids = new List<long>();
        foreach (var text in new[] { "a", "b" })
        {
            ids.Add((await admin.SendMessageAsync(App, new SimulatedMessage("text", Content: text))).DeliveryId!.Value);
        }

        var replayed = await admin.ReplayDeliveriesAsync(ids);

        Assert.Equal(ids.Order(), replayed.Select(r => r.Id).Order());
        Assert.DoesNotContain(replayed, r => ids.Contains(r.DeliveryId));
    }

    [Fact]
    public async Task Unknown_delivery_is_refused()
    {
        var error = await Record.ExceptionAsync(() => admin.GetDeliveryAsync(987654321));

        Assert.True(error is WeChatException or HttpRequestException { StatusCode: System.Net.HttpStatusCode.NotFound }, $"got {error}");
    }

    private async Task<DeliveryInfo> WaitForStatusAsync(long id, string status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var delivery = (await admin.GetDeliveryAsync(id)).Delivery;
            if (delivery.Status == status || timeout.IsCancellationRequested)
            {
                Assert.Equal(status, delivery.Status);
                return delivery;
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
