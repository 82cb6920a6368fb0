namespace TcbPush.Tests.Cli;

/// <summary>SPEC §8: a value that does not parse is a usage error (exit 2) with a message naming it, never a crash.</summary>
public sealed class CliUsageErrorTests
{
    [Theory]
    [InlineData("video", "push", "send", "--type", "video")]
    [InlineData("abc", "deliveries", "replay", "abc")]
    [InlineData("bogus", "deliveries", "replay", "--status", "bogus")]
    [InlineData("abc", "deliveries", "show", "abc")]
    [InlineData("abc", "deliveries", "list", "--limit", "abc")]
    [InlineData("abc", "serve", "--token-ttl", "abc")]
    [InlineData("--token-ttl", "serve", "--token-ttl", "0")]
    [InlineData("mysql", "serve", "--storage", "mysql")]
    [InlineData("--force-refresh", "token", "--force-refresh")]
    public async Task Unparseable_value_exits_2_with_a_message(string named, params string[] args)
    {
        string[] connection = args[0] == "serve" ? ["--data", Path.Combine(Path.GetTempPath(), "tcbpush-never-created")] : ["--server", "http://127.0.0.1:9", "--admin-key", "k", "--appid", "wx1", "--secret", "s"];
        var result = await CliRunner.RunAsync([.. args, .. connection]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
    }
}
