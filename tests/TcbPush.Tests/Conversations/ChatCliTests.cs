using System.Text.Json.Nodes;
using TcbPush.Tests.Cli;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Conversations;

/// <summary>
/// SPEC §10.4's CLI against a <c>--demo</c> server, whose echo bot answers the official account passively and the
/// mini program through custom/send: <c>tcbpush chat</c> one-shot and interactive (redirected stdin), <c>tcbpush reply</c>.
/// </summary>
public sealed class ChatCliTests : IAsyncLifetime
{
    private const string OfficialAccount = "wxdemooa00000000";
    private const string MiniProgram = "wxdemo0000000000";
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync(configure: o => o.Demo = true);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Chat_send_prints_the_official_accounts_passive_reply_as_JSON()
    {
        var result = await Chat(OfficialAccount, "--send", "hello", "--wait", "3", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var entries = JsonNode.Parse(result.Stdout)!.AsArray();
        Assert.Contains(entries, e => (string?)e!["via"] == "passive" && (string?)e["text"] == "echo: hello");
    }

    [Fact]
    public async Task Chat_send_shows_the_mini_programs_active_reply()
    {
        var token = await server.TokenAsync(MiniProgram, "demo-secret");
        var config = """{"container_config":{"enable":true,"qbase_env":"test-env-6gni9ity244a6ea3","qbase_container_path":"/container-echo","text_mode":1}}""";
        Assert.Equal(0, (int)(await server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}", config))["errcode"]!);

        var result = await Chat(MiniProgram, "--send", "ping", "--wait", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("you: ping", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("app: echo: ping", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_chat_reads_lines_until_end_of_input()
    {
        var result = await CliRunner.RunAsync(
            ["chat", "--server", server.Url, "--admin-key", TestServer.AdminKey, "--appid", OfficialAccount], stdin: "hi there\n/event subscribe\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        var entries = await server.AdminAsync(HttpMethod.Get, $"/admin/apps/{OfficialAccount}/conversations/oTcbPush0Demo0User0000000000");
        Assert.Equal(["hi there", "[event subscribe]"],
            entries["entries"]!.AsArray().Where(e => (string?)e!["direction"] == "in").Select(e => (string)e!["text"]!));
    }

    [Fact]
    public async Task Reply_sends_through_custom_send()
    {
        await Chat(OfficialAccount, "--send", "hello", "--wait", "0");

        var result = await CliRunner.RunAsync(["reply", "--server", server.Url, "--appid", OfficialAccount, "--secret", "demo-secret",
            "--to", "oTcbPush0Demo0User0000000000", "--text", "a human answers"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var entries = await server.AdminAsync(HttpMethod.Get, $"/admin/apps/{OfficialAccount}/conversations/oTcbPush0Demo0User0000000000");
        Assert.Contains(entries["entries"]!.AsArray(), e => (string?)e!["via"] == "active" && (string?)e["text"] == "a human answers");
    }

    private Task<CliResult> Chat(string appId, params string[] args) =>
        CliRunner.RunAsync(["chat", "--server", server.Url, "--admin-key", TestServer.AdminKey, "--appid", appId, .. args]);
}
