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
            TokenCommand.Create(),
            ConfigCommands.Create(),
            PushCommands.Create(),
            DeliveryCommands.Create(),
            AdminCommands.Apps(),
            AdminCommands.Envs(),
            StatusCommands.Status(),
            StatusCommands.Reset(),
        };
        var parse = root.Parse(args);
        var exitCode = await parse.InvokeAsync();
        // System.CommandLine reports usage errors with 1; tcbpush keeps 1 for errcodes and uses 2 for usage errors.
        return parse.Errors.Count > 0 ? CliOutput.UsageError : exitCode;
    }
}
