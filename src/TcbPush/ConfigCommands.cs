using System.CommandLine;
using Spectre.Console;
using TcbPush.Protocol;

namespace TcbPush.Cli;

/// <summary><c>tcbpush config get [--json]</c> and <c>tcbpush config set --file FILE|-</c>: the app's push configuration.</summary>
internal static class ConfigCommands
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        return new Command("config", "Get or set the app's message-push configuration (/tcb/*callbackconfig)")
        {
            Get(connection),
            Set(connection),
        };
    }

    private static Command Get(ConnectionOptions connection)
    {
        var json = new Option<bool>("--json") { Description = "Print the answer's data object exactly as the server returns it" };
        var command = new Command("get", "Print the app's configuration") { json };
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var client = connection.Resolve(parse).WeChat();
            if (parse.GetValue(json))
            {
                CliOutput.Json(await client.GetCallbackConfigJsonAsync(cancellation));
                return;
            }
            Show(await client.GetCallbackConfigAsync(cancellation));
        }));
        return connection.AddTo(command, ConnectionUse.App);
    }

    private static Command Set(ConnectionOptions connection)
    {
        var file = new Option<string>("--file", "-f") { Description = "JSON file with function_config and/or container_config; - reads standard input", Required = true };
        var command = new Command("set", "Send a JSON file as the setcallbackconfig request body") { file };
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var client = connection.Resolve(parse).WeChat();
            var body = await ReadAsync(parse.GetValue(file)!, cancellation);
            await client.SetCallbackConfigJsonAsync(body, cancellation);
            CliOutput.Out.MarkupLine("[green]ok[/]: configuration stored");
        }));
        return connection.AddTo(command, ConnectionUse.App);
    }

    private static async Task<byte[]> ReadAsync(string path, CancellationToken cancellation)
    {
        if (path == "-")
        {
            using var buffer = new MemoryStream();
            await using var stdin = Console.OpenStandardInput();
            await stdin.CopyToAsync(buffer, cancellation);
            return buffer.ToArray();
        }
        try
        {
            return await File.ReadAllBytesAsync(path, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }

    private static void Show(CallbackConfiguration config)
    {
        var function = config.FunctionConfig;
        var container = config.ContainerConfig;
        CliOutput.Out.MarkupLine($"[bold]Function push[/]   {OnOff(function.Enable)}");
        if (function.Callbacks.Count == 0)
        {
            CliOutput.Out.WriteLine("  no callbacks");
        }
        else
        {
            var table = CliOutput.Table("MSGTYPE", "EVENT", "ENV", "FUNCTION", "ENABLED");
            foreach (var callback in function.Callbacks)
            {
                table.AddRow(CliOutput.Cell(callback.MsgType), CliOutput.Cell(callback.Event), CliOutput.Cell(callback.Env),
                    CliOutput.Cell(callback.FunctionName), CliOutput.Cell(callback.Enable));
            }
            CliOutput.Out.Write(new Padder(table, new Padding(2, 0, 0, 0)));
        }
        CliOutput.Out.MarkupLine($"[bold]Container push[/]  {OnOff(container.Enable)}");
        var details = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2)).AddColumn();
        details.AddRow(CliOutput.Cell("env"), CliOutput.Cell(container.QbaseEnv));
        details.AddRow(CliOutput.Cell("path"), CliOutput.Cell(container.QbaseContainerPath));
        details.AddRow(CliOutput.Cell("text mode"), CliOutput.Cell(container.TextMode switch
        {
            ContainerConfig.Json => "1 (JSON)",
            ContainerConfig.Xml => "2 (XML)",
            var other => other,
        }));
        CliOutput.Out.Write(details);
    }

    private static string OnOff(bool enabled) => enabled ? "[green]enabled[/]" : "[grey]disabled[/]";
}
