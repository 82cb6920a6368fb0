using System.CommandLine;
using TcbPush.Client;

namespace TcbPush.Cli;

/// <summary><c>tcbpush reply --to OPENID --text T</c>: an active reply through <c>/cgi-bin/message/custom/send</c>.</summary>
internal static class ReplyCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var to = new Option<string>("--to") { Description = "The user's openid", Required = true };
        var text = new Option<string>("--text") { Description = "The text to send", Required = true };
        var command = new Command("reply", "Send the user a text through custom/send (an active reply), as the app of --appid and --secret") { to, text };
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            await connection.Resolve(parse).WeChat().SendCustomMessageAsync(parse.GetValue(to)!, new TextMessage(parse.GetValue(text)!),
                cancellationToken: cancellation);
            CliOutput.Raw($"sent to {parse.GetValue(to)}");
        }));
        return connection.AddTo(command, ConnectionUse.App);
    }
}
