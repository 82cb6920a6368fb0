using System.CommandLine;

namespace TcbPush.Cli;

/// <summary>The <c>tcbpush</c> command tree.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("TcbPush: a self-hostable, wire-compatible WeChat CloudBase message-push service and its client.")
        {
            ServeCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync();
    }
}
