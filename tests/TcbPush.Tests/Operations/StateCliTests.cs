using TcbPush.Tests.Cli;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 state and §8: <c>tcbpush status</c> and <c>tcbpush reset</c> against a running server.</summary>
public sealed class StateCliTests
{
    [Fact]
    public async Task Reset_empties_messages_deliveries_and_conversations_and_keeps_apps_and_configuration()
    {
        await using var push = await PushHarness.StartAsync(fakeClock: true, adjust: o => o.Push.RetrySchedule = []);
        await push.SetContainerAsync(OpenApp, "env-ok", "/reset");
        await push.WaitForStatusAsync(await push.SimulateTextAsync(OpenApp), "delivered", 1);

        var reset = await CliRunner.RunAsync(["reset", "--server", push.Server.Url, "--admin-key", TestServer.AdminKey]);

        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Equal("deleted 1 messages, 1 deliveries, 1 attempts, 1 conversations", reset.Stdout.Trim());
        Assert.Empty(await push.DeliveriesAsync());
        var status = AssertOk(await push.Server.AdminAsync(HttpMethod.Get, "/admin/status"));
        Assert.Equal(3, (int?)status["apps"]);
        var config = await push.Server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={await push.Server.TokenAsync(OpenApp)}", "{}");
        Assert.Equal(0, (int?)config["errcode"]);
        Assert.True((bool?)config["data"]!["container_config"]!["enable"]);
    }

    [Fact]
    public async Task Status_prints_the_servers_counts()
    {
        await using var server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", "wxstatus00000001"));

        var result = await CliRunner.RunAsync(["status", "--server", server.Url, "--admin-key", TestServer.AdminKey]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("storage     sqlite", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("apps        1", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("dead        0", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TcbPush_only_commands_default_to_the_local_server_and_name_it_when_it_is_down()
    {
        var result = await CliRunner.RunAsync(["status", "--admin-key", "k"]);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("tcbpush: cannot connect to http://127.0.0.1:8080", result.Stderr, StringComparison.Ordinal);
    }
}
