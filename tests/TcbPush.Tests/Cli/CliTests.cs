using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Cli;

/// <summary>SPEC §8: the built <c>tcbpush</c> executable against a running server, typed as a user would.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private const string App = "wxcli00000000001";
    private const string Secret = "secret-" + App;
    private const string FunctionConfig = """{"function_config":{"enable":true,"callbacks":[{"msgType":"text","env":"env-ok","functionName":"onText"}]}}""";
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Token_prints_a_token_the_server_accepts()
    {
        var result = await RunAsync("token", "--server", server.Url, "--appid", App, "--secret", Secret);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, await ErrcodeOfGetAsync(result.Stdout.Trim()));
    }

    [Fact]
    public async Task Connection_options_are_read_from_the_environment()
    {
        var result = await CliRunner.RunAsync(["token"], new Dictionary<string, string>
        {
            ["TCBPUSH_SERVER"] = server.Url, ["TCBPUSH_APPID"] = App, ["TCBPUSH_SECRET"] = Secret,
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, await ErrcodeOfGetAsync(result.Stdout.Trim()));
    }

    [Fact]
    public async Task Stable_token_as_json_has_the_token_and_its_lifetime()
    {
        var result = await AsAppAsync("token", "--stable", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(0, await ErrcodeOfGetAsync(json["access_token"]!.GetValue<string>()));
        Assert.Equal(7200, json["expires_in"]!.GetValue<int>());
    }

    [Fact]
    public async Task Config_set_from_a_file_stores_it()
    {
        var file = Path.Combine(server.Options.DataDirectory, "config.json");
        await File.WriteAllTextAsync(file, FunctionConfig);

        var result = await AsAppAsync("config", "set", "--file", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("onText", (await StoredAsync())["function_config"]!["callbacks"]![0]!["functionName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Config_set_from_stdin_stores_it()
    {
        var result = await PipedAsAppAsync(FunctionConfig, "config", "set", "--file", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True((await StoredAsync())["function_config"]!["enable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Config_get_json_prints_the_data_object_as_the_api_returns_it()
    {
        await PipedAsAppAsync(FunctionConfig, "config", "set", "--file", "-");

        var result = await AsAppAsync("config", "get", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(JsonNode.DeepEquals(await StoredAsync(), JsonNode.Parse(result.Stdout)), result.ToString());
    }

    [Fact]
    public async Task Config_get_prints_a_readable_summary_without_colour_when_redirected()
    {
        await PipedAsAppAsync(FunctionConfig, "config", "set", "--file", "-");

        var result = await AsAppAsync("config", "get");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Function push   enabled", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("onText", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Stdout);
    }

    [Fact]
    public async Task Bad_config_exits_1_with_errcode_and_rid_on_stderr()
    {
        var result = await PipedAsAppAsync("""{"function_config":{"enable":true,"callbacks":[{"msgType":"text","env":"no-such-env","functionName":"f"}]}}""",
            "config", "set", "--file", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("errcode: 40097", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"errmsg: invalid args: .*env not exists.* rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Config_that_is_not_json_exits_1_with_47001()
    {
        var result = await PipedAsAppAsync("not json", "config", "set", "--file", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("errcode: 47001", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_secret_exits_1_with_40125()
    {
        var result = await RunAsync("token", "--server", server.Url, "--appid", App, "--secret", "wrong");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("errcode: 40125", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_option_is_a_usage_error_exiting_2()
    {
        var result = await AsAppAsync("config", "set");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error_exiting_2()
    {
        Assert.Equal(2, (await RunAsync("tokens")).ExitCode);
    }

    [Fact]
    public async Task Missing_file_is_a_usage_error_exiting_2()
    {
        var result = await AsAppAsync("config", "set", "--file", Path.Combine(server.Options.DataDirectory, "absent.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_appid_is_a_usage_error_exiting_2()
    {
        var result = await RunAsync("token", "--server", server.Url, "--secret", Secret);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--appid", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_message_type_is_a_usage_error_exiting_2()
    {
        var result = await AsAdminAsync("push", "send", "--appid", App, "--type", "video");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Unreachable_server_exits_3()
    {
        var result = await RunAsync("token", "--server", "http://127.0.0.1:9", "--appid", App, "--secret", Secret);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot connect", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_admin_key_exits_3_with_the_http_status()
    {
        var result = await RunAsync("apps", "list", "--server", server.Url, "--admin-key", "wrong");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("401", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apps_add_registers_an_app_that_can_get_a_token()
    {
        var added = await AsAdminAsync("apps", "add", "--appid", "wxcli00000000002", "--secret", "second-secret", "--message-token", "tok123");
        var listed = await AsAdminAsync("apps", "list");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Matches(@"wxcli00000000002\s+miniprogram\s+yes\s+no", listed.Stdout);
        Assert.NotEmpty(await server.TokenAsync("wxcli00000000002", "second-secret"));
    }

    [Fact]
    public async Task Apps_list_json_never_shows_secrets()
    {
        var result = await AsAdminAsync("apps", "list", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(App, JsonNode.Parse(result.Stdout)![0]!["appid"]!.GetValue<string>());
        Assert.DoesNotContain(Secret, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Envs_add_then_list_shows_the_environment()
    {
        var added = await AsAdminAsync("envs", "add", "env-cli", "--container-url", "http://127.0.0.1:9/c", "--function-url", "http://127.0.0.1:9/f");
        var listed = await AsAdminAsync("envs", "list", "--json");

        Assert.True(added.ExitCode == 0, added.ToString());
        var env = JsonNode.Parse(listed.Stdout)!.AsArray().Single(e => e!["env"]!.GetValue<string>() == "env-cli")!;
        Assert.Equal("http://127.0.0.1:9/f", env["function_base_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Help_lists_the_client_commands()
    {
        var result = await RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "serve", "token", "config", "push", "deliveries", "apps", "envs" })
        {
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        }
    }

    private static Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(args);

    private Task<CliResult> AsAppAsync(params string[] args) => PipedAsAppAsync(null, args);

    private Task<CliResult> PipedAsAppAsync(string? stdin, params string[] args) =>
        CliRunner.RunAsync(args, new Dictionary<string, string>
        {
            ["TCBPUSH_SERVER"] = server.Url, ["TCBPUSH_APPID"] = App, ["TCBPUSH_SECRET"] = Secret,
        }, stdin);

    private Task<CliResult> AsAdminAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--server", server.Url, "--admin-key", TestServer.AdminKey]);

    private async Task<int> ErrcodeOfGetAsync(string token) =>
        (await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={Uri.EscapeDataString(token)}", "{}"))["errcode"]!.GetValue<int>();

    private async Task<JsonNode> StoredAsync()
    {
        var token = await server.TokenAsync(App);
        return (await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", "{}"))["data"]!;
    }
}
