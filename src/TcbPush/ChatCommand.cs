using System.CommandLine;
using System.Globalization;
using TcbPush.Client;
using TcbPush.Protocol.Admin;

namespace TcbPush.Cli;

/// <summary>
/// <c>tcbpush chat</c>: talk to an app as one of its users (SPEC §10.4). Interactive: each typed line is a text
/// message, <c>/event NAME</c> an event, <c>/image URL</c> an image, <c>/quit</c> (or end of input) leaves; replies
/// (passive and active) and typing appear as they happen. One-shot: <c>--send TEXT</c> sends one message and prints
/// what comes back within <c>--wait</c> seconds (<c>--json</c>: the entries as a JSON array).
/// </summary>
internal static class ChatCommand
{
    public const string DefaultOpenId = "oTcbPush0Demo0User0000000000";

    public static Command Create()
    {
        var connection = new ConnectionOptions(ConnectionOptions.TcbPushServer);
        var openId = new Option<string>("--openid") { Description = "The user to be", DefaultValueFactory = _ => DefaultOpenId };
        var send = new Option<string?>("--send") { Description = "Send this text, print the replies and exit" };
        var wait = new Option<double>("--wait") { Description = "With --send: seconds to wait for replies", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "With --send: print the conversation entries as JSON" };
        var command = new Command("chat", "Chat with the app of --appid as a user: replies and typing show as they happen") { openId, send, wait, json };
        Validation.Add(command, result =>
        {
            if (result.GetValue(send) is null && (result.GetValue(json) || result.GetResult(wait) is { Implicit: false }))
            {
                result.AddError("--wait and --json apply to --send only");
            }
            if (result.GetValue(wait) is < 0 or > 3600)
            {
                result.AddError("--wait must be 0-3600 seconds");
            }
        });
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var target = connection.Resolve(parse);
            var session = new Session(target.Admin(), target.Watcher(), target.RequireAppId(), parse.GetValue(openId)!);
            if (parse.GetValue(send) is { } text)
            {
                await session.OneShotAsync(text, TimeSpan.FromSeconds(parse.GetValue(wait)), parse.GetValue(json), cancellation);
            }
            else
            {
                await session.InteractiveAsync(Console.In, cancellation);
            }
        }));
        return connection.AddTo(command, ConnectionUse.AppId | ConnectionUse.AdminKey);
    }

    private sealed class Session(TcbPushAdminClient admin, TcbPushAdminClient watcher, string appId, string openId)
    {
        public async Task OneShotAsync(string text, TimeSpan wait, bool json, CancellationToken cancellation)
        {
            var start = await LastSeqAsync(cancellation);
            await admin.SendMessageAsync(appId, new SimulatedMessage("text", text, null, openId), cancellation);
            var seen = new List<ConversationEntry>();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(wait);
            try
            {
                await foreach (var entry in watcher.WatchConversationAsync(appId, openId, start, deadline.Token))
                {
                    seen.Add(entry);
                    if (!json)
                    {
                        CliOutput.Raw(Line(entry));
                    }
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellation.IsCancellationRequested)
            {
                // --wait is over.
            }
            if (json)
            {
                CliOutput.Json<IReadOnlyList<ConversationEntry>>(seen, CliJson.Default.IReadOnlyListConversationEntry);
            }
        }

        public async Task InteractiveAsync(TextReader input, CancellationToken cancellation)
        {
            var start = await LastSeqAsync(cancellation);
            CliOutput.Raw($"Chatting with {appId} as {openId}. Type a message; /event NAME, /image URL, /quit (or Ctrl-D) to leave.");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var watching = WatchAsync(start, stop.Token);
            while (await input.ReadLineAsync(cancellation) is { } line)
            {
                if (line.Trim() == "/quit")
                {
                    break;
                }
                if (Message(line) is { } message)
                {
                    try
                    {
                        await admin.SendMessageAsync(appId, message, cancellation);
                    }
                    catch (WeChatException e)
                    {
                        await Console.Error.WriteLineAsync($"errcode: {e.ErrCode} errmsg: {e.ErrMsg}");
                    }
                }
            }
            await stop.CancelAsync();
            await watching;
        }

        private async Task WatchAsync(long start, CancellationToken stop)
        {
            try
            {
                await foreach (var entry in watcher.WatchConversationAsync(appId, openId, start, stop))
                {
                    if (entry.Direction != "in")
                    {
                        CliOutput.Raw(Line(entry));
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The user left.
            }
        }

        private SimulatedMessage? Message(string line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                return null;
            }
            if (trimmed.StartsWith("/event ", StringComparison.Ordinal))
            {
                return new SimulatedMessage("event", null, trimmed[7..].Trim(), openId);
            }
            if (trimmed.StartsWith("/image", StringComparison.Ordinal))
            {
                return new SimulatedMessage("image", null, null, openId);
            }
            return new SimulatedMessage("text", line, null, openId);
        }

        private async Task<long> LastSeqAsync(CancellationToken cancellation)
        {
            long last = 0;
            while (true)
            {
                var page = await admin.GetConversationAsync(appId, openId, last, cancellation);
                if (page.Count == 0)
                {
                    return last;
                }
                last = page[^1].Seq;
            }
        }

        private static string Line(ConversationEntry entry)
        {
            var who = entry.Direction == "in" ? "you" : entry.Via == "passive" ? "app (passive)" : "app";
            var status = entry.Status == "sent" ? "" : $"  [{entry.Status}: {entry.Reason}]";
            return $"{entry.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {who}: {entry.Text}{status}";
        }
    }
}
