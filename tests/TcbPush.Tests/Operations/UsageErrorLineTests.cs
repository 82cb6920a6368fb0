using TcbPush.Tests.Cli;

namespace TcbPush.Tests.Operations;

/// <summary>Issue 10 CLI manners: a usage error is one line plus a hint, exit 2, nothing on stdout, no .NET type name.</summary>
public sealed class UsageErrorLineTests
{
    [Theory]
    [InlineData("tcbpush: Unrecognized command or argument '--bogus'.", "Run 'tcbpush config get --help' for usage.", "config", "get", "--bogus")]
    [InlineData("tcbpush: Cannot parse argument 'yesterday' for option '--since' as a time (ISO-8601, e.g. 2026-01-02T03:04:05Z).",
        "Run 'tcbpush deliveries list --help' for usage.", "deliveries", "list", "--since", "yesterday")]
    [InlineData("tcbpush: Cannot parse argument 'abc' for option '--limit' as a whole number.",
        "Run 'tcbpush deliveries list --help' for usage.", "deliveries", "list", "--limit", "abc")]
    public async Task Usage_error_is_one_line_and_a_hint(string line, string hint, params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal([line, hint], result.Stderr.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
    }
}
