using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Startup;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Cli;

/// <summary>
/// SPEC §8 manners of the <c>tcbpush</c> executable: help lists only the connection options a command uses,
/// <c>--json</c> is indented everywhere with one time format, piped tables end no line in spaces, and the first
/// start of <c>serve</c> says what to do next.
/// </summary>
public sealed partial class CliMannersTests : IAsyncLifetime
{
    private const string App = "wxmanners0000001";
    private const string FunctionConfig = """{"function_config":{"enable":true,"callbacks":[{"msgType":"text","event":"","env":"env-ok","functionName":"onText","enable":true}]}}""";
    private TestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App));
        var set = await server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={await server.TokenAsync(App)}", FunctionConfig);
        Assert.Equal(0, (int?)set["errcode"]);
        Assert.Equal(0, (int?)(await server.AdminAsync(HttpMethod.Post, $"/admin/apps/{App}/messages",
            new JsonObject { ["type"] = "text", ["content"] = "hi" }))["errcode"]);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("token", "--appid --secret", "--admin-key")]
    [InlineData("config get", "--appid --secret", "--admin-key")]
    [InlineData("config set", "--appid --secret", "--admin-key")]
    [InlineData("reply", "--appid --secret", "--admin-key")]
    [InlineData("apps list", "--admin-key", "--secret --appid")]
    [InlineData("apps add", "--appid --secret --admin-key", "")]
    [InlineData("envs add", "--admin-key", "--secret --appid")]
    [InlineData("deliveries show", "--admin-key", "--secret --appid")]
    [InlineData("deliveries list", "--admin-key --appid", "--secret")]
    [InlineData("push send", "--admin-key --appid", "--secret")]
    [InlineData("chat", "--admin-key --appid", "--secret")]
    [InlineData("status", "--admin-key", "--secret --appid")]
    [InlineData("reset", "--admin-key", "--secret --appid")]
    [InlineData("export", "--admin-key", "--secret --appid")]
    public async Task Help_lists_only_the_connection_options_the_command_uses(string command, string listed, string absent)
    {
        var result = await CliRunner.RunAsync([.. command.Split(' '), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stderr);
        Assert.Contains("--server", result.Stdout, StringComparison.Ordinal);
        foreach (var option in listed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches($@"\s{Regex.Escape(option)}\s", result.Stdout);
        }
        foreach (var option in absent.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.DoesNotMatch($@"\s{Regex.Escape(option)}\s", result.Stdout);
        }
    }

    [Theory]
    [InlineData("token --json", true)]
    [InlineData("config get --json", true)]
    [InlineData("apps list --json", false)]
    [InlineData("envs list --json", false)]
    [InlineData("deliveries list --json", false)]
    [InlineData("status --json", false)]
    [InlineData("push send --type text --content hi --json", false)]
    public async Task Json_output_is_indented_everywhere(string command, bool asApp)
    {
        var result = await RunAsync(command, asApp);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stderr);
        Assert.NotNull(JsonNode.Parse(result.Stdout));
        Assert.Contains("\n  ", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deliveries list --json", "0/created_at")]
    [InlineData("deliveries show 1 --json", "delivery/created_at")]
    public async Task Json_times_are_ISO_8601_UTC_with_milliseconds(string command, string path)
    {
        var result = await RunAsync(command, asApp: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        var node = JsonNode.Parse(result.Stdout);
        foreach (var step in path.Split('/'))
        {
            node = int.TryParse(step, out var index) ? node!.AsArray()[index] : node![step];
        }
        Assert.Matches(IsoUtcMilliseconds(), (string?)node);
    }

    [Fact]
    public async Task Connection_options_a_command_does_not_use_are_accepted_and_ignored()
    {
        var result = await CliRunner.RunAsync(["status", "--server", server.Url, "--admin-key", TestServer.AdminKey, "--appid", App, "--secret", "s"]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("apps list", false)]
    [InlineData("envs list", false)]
    [InlineData("deliveries list", false)]
    [InlineData("status", false)]
    [InlineData("config get", true)]
    public async Task Piped_tables_end_no_line_in_spaces(string command, bool asApp)
    {
        var result = await RunAsync(command, asApp);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stderr);
        Assert.NotEmpty(result.Stdout.Trim());
        Assert.All(result.Stdout.Split('\n'), line => Assert.Equal(line.TrimEnd(), line));
    }

    [Fact]
    public async Task First_start_says_what_to_do_next()
    {
        var output = await StartAndReadOutputAsync(demo: false);

        Assert.Contains("Next steps:", output, StringComparison.Ordinal);
        Assert.Contains("tcbpush apps add", output, StringComparison.Ordinal);
        Assert.Contains("--demo", output, StringComparison.Ordinal);
        Assert.Contains("--seed FILE", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_start_shows_how_to_simulate_a_message_and_read_the_delivery_log()
    {
        var output = await StartAndReadOutputAsync(demo: true);

        Assert.Contains("tcbpush push send --server", output, StringComparison.Ordinal);
        Assert.Contains("tcbpush deliveries list --server", output, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY ", output.Replace("YOUR_ADMIN_KEY", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task<string> StartAndReadOutputAsync(bool demo)
    {
        var data = Directory.CreateTempSubdirectory("tcbpush-manners-").FullName;
        try
        {
            using var output = new StringWriter();
            var options = new TcbPushOptions { Urls = "http://127.0.0.1:0", DataDirectory = data, Demo = demo };
            await using (await TcbPushApp.StartAsync(options, output, logging: logging => logging.ClearProviders()))
            {
                return output.ToString();
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private Task<CliResult> RunAsync(string command, bool asApp) =>
        CliRunner.RunAsync([.. command.Split(' '), "--server", server.Url, .. asApp
            ? new[] { "--appid", App, "--secret", "secret-" + App }
            : ["--admin-key", TestServer.AdminKey, .. command.StartsWith("chat", StringComparison.Ordinal) || command.StartsWith("push", StringComparison.Ordinal) ? new[] { "--appid", App } : []]]);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoUtcMilliseconds();
}
