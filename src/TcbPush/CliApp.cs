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
            ReplyCommand.Create(),
            ChatCommand.Create(),
            StatusCommands.Status(),
            StatusCommands.Reset(),
            ExportCommand.Create(),
        };
        var parse = root.Parse(args);
        // System.CommandLine would print the whole help and exit 1; tcbpush keeps 1 for errcodes.
        return parse.Errors.Count > 0 ? await UsageErrors.ReportAsync(parse) : await parse.InvokeAsync();
    }
}
