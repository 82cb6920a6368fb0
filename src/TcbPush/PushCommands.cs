using System.CommandLine;
using Spectre.Console;
using TcbPush.Protocol.Admin;

namespace TcbPush.Cli;

/// <summary><c>tcbpush push send</c>: injects a simulated user message for the app (--appid) through the admin API.</summary>
internal static class PushCommands
{
    public static Command Create()
    {
        var connection = new ConnectionOptions(ConnectionOptions.TcbPushServer);
        return new Command("push", "Simulate messages pushed to an app (TcbPush admin API)") { Send(connection) };
    }

    private static Command Send(ConnectionOptions connection)
    {
        var type = new Option<string>("--type") { Description = "Message type", Required = true };
        type.AcceptOnlyFromAmong("text", "image", "miniprogrampage", "event");
        var content = new Option<string?>("--content") { Description = "Text of a text message" };
        var eventName = new Option<string?>("--event") { Description = "Event name with --type event (default user_enter_tempsession)" };
        var from = new Option<string?>("--from") { Description = "Sender's openid" };
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON" };
        var command = new Command("send", "Inject a message for the app (--appid) as if a user had sent it") { type, content, eventName, from, json };
        Validation.Add(command, result =>
        {
            if (result.GetValue(type) != "event" && result.GetValue(eventName) is not null)
            {
                result.AddError("--event applies to --type event only");
            }
        });
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var target = connection.Resolve(parse);
            var message = new SimulatedMessage(parse.GetValue(type)!, parse.GetValue(content), parse.GetValue(eventName), parse.GetValue(from));
            var sent = await target.Admin().SendMessageAsync(target.RequireAppId(), message, cancellation);
            if (parse.GetValue(json))
            {
                CliOutput.Json(sent, CliJson.Default.SimulatedMessageResult);
                return;
            }
            var delivery = sent.DeliveryId is { } id ? $", delivery {id}" : "";
            CliOutput.Out.Write(CliOutput.Cell($"message {sent.MsgId}{delivery}: "));
            CliOutput.Out.Write(CliOutput.Status(sent.Status));
            CliOutput.Out.WriteLine();
        }));
        return connection.AddTo(command, ConnectionUse.AppId | ConnectionUse.AdminKey);
    }
}
