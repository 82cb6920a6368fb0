using System.Text.Json.Nodes;
using TcbPush.Client;
using TcbPush.Protocol;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Cli;

/// <summary>
/// SPEC §8: <c>push send</c> and <c>deliveries list|show|replay</c> through the built executable against a running server.
/// Needs the server's push router and its admin endpoints (built on another branch).
/// </summary>
public sealed class PushCliTests : IAsyncLifetime
{
    private const string App = "wxpushcli0000001";
    private Sink sink = null!;
    private TestServer server = null!;

    public async Task InitializeAsync()
    {
        sink = await Sink.StartAsync();
        server = await TestServer.StartAsync(TestServer.Seed(sink.Url, App));
        var wechat = new WeChatClient(new HttpClient(), new TcbPushClientOptions { BaseAddress = new Uri(server.Url), AppId = App, AppSecret = "secret-" + App });
        await wechat.SetCallbackConfigAsync(new SetCallbackConfigRequest(new FunctionConfig(true,
            [new Callback("text", "", "env-ok", "onText", true), new Callback("event", "user_enter_tempsession", "env-ok", "onEnter", true)])));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await sink.DisposeAsync();
    }

    [Fact]
    public async Task Push_send_injects_a_message_that_reaches_the_function()
    {
        var result = await AsAdminAsync("push", "send", "--type", "text", "--content", "typed by a user", "--from", "openid-cli");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("pending", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("typed by a user", Assert.Single(await sink.WaitForAsync("/fn/onText")).BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_send_event_defaults_to_user_enter_tempsession()
    {
        var result = await AsAdminAsync("push", "send", "--type", "event");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("user_enter_tempsession", Assert.Single(await sink.WaitForAsync("/fn/onEnter")).BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_send_event_name_with_another_type_is_a_usage_error()
    {
        var result = await AsAdminAsync("push", "send", "--type", "text", "--event", "subscribe");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Push_send_json_prints_the_message_id_and_delivery()
    {
        var result = await AsAdminAsync("push", "send", "--type", "text", "--content", "hi", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("pending", json["status"]!.GetValue<string>());
        Assert.NotNull(json["delivery_id"]);
    }

    [Fact]
    public async Task Deliveries_list_json_shows_the_sent_message()
    {
        var sent = await SendAsync("listed");

        var result = await AsAdminAsync("deliveries", "list", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(JsonNode.Parse(result.Stdout)!.AsArray(), d => d!["id"]!.GetValue<long>() == sent);
    }

    [Fact]
    public async Task Deliveries_list_prints_a_table()
    {
        var sent = await SendAsync("tabled");

        var result = await AsAdminAsync("deliveries", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("STATUS", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(App, result.Stdout, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^{sent}\s", result.Stdout);
    }

    [Fact]
    public async Task Deliveries_replay_by_id_makes_a_new_delivery()
    {
        var sent = await SendAsync("replayed");
        await sink.WaitForAsync("/fn/onText");

        var result = await AsAdminAsync("deliveries", "replay", sent.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"delivery {sent} replayed as delivery", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await sink.WaitForAsync("/fn/onText", 2)).Count);
    }

    [Fact]
    public async Task Deliveries_replay_by_status_replays_every_match()
    {
        await SendAsync("one");
        await SendAsync("two");
        await sink.WaitForAsync("/fn/onText", 2);
        await WaitUntilDeliveredAsync(2);

        var result = await AsAdminAsync("deliveries", "replay", "--status", "delivered", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, JsonNode.Parse(result.Stdout)!.AsArray().Count);
    }

    [Fact]
    public async Task Deliveries_show_lists_the_attempts()
    {
        var sent = await SendAsync("shown");
        await sink.WaitForAsync("/fn/onText");
        await WaitUntilDeliveredAsync(1);

        var result = await AsAdminAsync("deliveries", "show", sent.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("delivered", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("200", result.Stdout, StringComparison.Ordinal);
    }

    private async Task<long> SendAsync(string text)
    {
        var result = await AsAdminAsync("push", "send", "--type", "text", "--content", text, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Stdout)!["delivery_id"]!.GetValue<long>();
    }

    private async Task WaitUntilDeliveredAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!timeout.IsCancellationRequested)
        {
            var delivered = await server.AdminAsync(HttpMethod.Get, "/admin/deliveries?status=delivered");
            if (delivered["deliveries"]!.AsArray().Count >= count)
            {
                return;
            }
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.Fail($"{count} deliveries were not delivered in time");
    }

    private Task<CliResult> AsAdminAsync(params string[] args) =>
        CliRunner.RunAsync(args, new Dictionary<string, string>
        {
            ["TCBPUSH_SERVER"] = server.Url, ["TCBPUSH_APPID"] = App, ["TCBPUSH_ADMIN_KEY"] = TestServer.AdminKey,
        });
}
