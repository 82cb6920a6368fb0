using System.CommandLine;
using Spectre.Console;
using TcbPush.Client;
using TcbPush.Protocol.Admin;

namespace TcbPush.Cli;

/// <summary><c>tcbpush deliveries list|show|replay</c>: TcbPush's delivery log through the admin API.</summary>
internal static class DeliveryCommands
{
    private static readonly string[] Statuses = ["pending", "delivering", "delivered", "dead", "unrouted"];
    private const int PageSize = 100;
    private const int ReplayBatch = 20;

    public static Command Create()
    {
        var connection = new ConnectionOptions(ConnectionOptions.TcbPushServer);
        return new Command("deliveries", "List, inspect and replay message deliveries (TcbPush admin API; --appid filters by app)")
        {
            List(connection),
            Show(connection),
            Replay(connection),
        };
    }

    private static Command List(ConnectionOptions connection)
    {
        var status = StatusOption("Only deliveries in this status");
        var type = new Option<string?>("--type") { Description = "Only messages of this type (e.g. text, event)" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only deliveries created at or after this time (ISO-8601)" };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Only deliveries created before this time (ISO-8601)" };
        var limit = new Option<int>("--limit") { Description = "At most this many", DefaultValueFactory = _ => 50 };
        var beforeId = new Option<long?>("--before-id") { Description = "Only deliveries with a smaller id (the next page)" };
        var json = new Option<bool>("--json") { Description = "Print the deliveries as JSON" };
        var command = new Command("list", "List deliveries, newest first") { status, type, since, until, limit, beforeId, json };
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var target = connection.Resolve(parse);
            var query = new DeliveryQuery(target.AppId, parse.GetValue(status), parse.GetValue(type), parse.GetValue(since),
                parse.GetValue(until), parse.GetValue(limit), parse.GetValue(beforeId));
            var deliveries = await target.Admin().ListDeliveriesAsync(query, cancellation);
            if (parse.GetValue(json))
            {
                CliOutput.Json(deliveries, CliJson.Default.IReadOnlyListDeliveryInfo);
                return;
            }
            if (deliveries.Count == 0)
            {
                CliOutput.Out.WriteLine("no deliveries");
                return;
            }
            var table = CliOutput.Table("ID", "APPID", "TYPE", "STATUS", "TARGET", "ATTEMPTS", "LAST", "CREATED");
            foreach (var d in deliveries)
            {
                var type = string.IsNullOrEmpty(d.Event) ? d.MsgType : $"{d.MsgType}/{d.Event}";
                table.AddRow(CliOutput.Cell(d.Id), CliOutput.Cell(d.AppId), CliOutput.Cell(type), CliOutput.Status(d.Status),
                    CliOutput.Cell(d.TargetUrl ?? d.Target), CliOutput.Cell(d.Attempts), CliOutput.Cell((object?)d.LastStatus ?? d.LastError),
                    CliOutput.Cell(d.CreatedAt));
            }
            CliOutput.Out.Write(table);
        }));
        return connection.AddTo(command, ConnectionUse.AppId | ConnectionUse.AdminKey);
    }

    private static Command Show(ConnectionOptions connection)
    {
        var id = new Argument<long>("id") { Description = "The delivery's id" };
        var json = new Option<bool>("--json") { Description = "Print the delivery and its attempts as JSON" };
        var command = new Command("show", "Show one delivery and every attempt made for it") { id, json };
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var detail = await connection.Resolve(parse).Admin().GetDeliveryAsync(parse.GetValue(id), cancellation);
            if (parse.GetValue(json))
            {
                CliOutput.Json(detail, CliJson.Default.DeliveryDetail);
                return;
            }
            var d = detail.Delivery;
            var facts = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn();
            facts.AddRow(CliOutput.Cell("delivery"), CliOutput.Cell(d.Id));
            facts.AddRow(CliOutput.Cell("status"), CliOutput.Status(d.Status));
            facts.AddRow(CliOutput.Cell("app"), CliOutput.Cell(d.AppId));
            facts.AddRow(CliOutput.Cell("message"), CliOutput.Cell($"{d.MsgId} ({(string.IsNullOrEmpty(d.Event) ? d.MsgType : $"{d.MsgType}/{d.Event}")})"));
            facts.AddRow(CliOutput.Cell("target"), CliOutput.Cell($"{d.Target} {d.TargetUrl}"));
            facts.AddRow(CliOutput.Cell("created"), CliOutput.Cell(d.CreatedAt));
            facts.AddRow(CliOutput.Cell("next attempt"), CliOutput.Cell(d.NextAttemptAt));
            if (d.ReplayOf is { } original)
            {
                facts.AddRow(CliOutput.Cell("replay of"), CliOutput.Cell(original));
            }
            CliOutput.Out.Write(facts);
            if (detail.Attempts.Count == 0)
            {
                CliOutput.Out.WriteLine("no attempts yet");
                return;
            }
            CliOutput.Out.WriteLine();
            var table = CliOutput.Table("#", "AT", "STATUS", "LATENCY", "ERROR", "RESPONSE");
            foreach (var a in detail.Attempts)
            {
                table.AddRow(CliOutput.Cell(a.Attempt), CliOutput.Cell(a.At), CliOutput.Cell(a.StatusCode),
                    CliOutput.Cell(a.LatencyMs is { } ms ? $"{ms} ms" : null), CliOutput.Cell(a.Error), CliOutput.Cell(a.ResponseExcerpt?.ReplaceLineEndings(" ")));
            }
            CliOutput.Out.Write(table);
        }));
        return connection.AddTo(command, ConnectionUse.AdminKey);
    }

    private static Command Replay(ConnectionOptions connection)
    {
        var id = new Argument<long?>("id") { Description = "The delivery to replay", Arity = ArgumentArity.ZeroOrOne };
        var status = StatusOption("Replay every delivery in this status (e.g. dead), of --appid or of every app");
        var json = new Option<bool>("--json") { Description = "Print the replayed ids and their new deliveries as JSON" };
        var command = new Command("replay", "Deliver messages again, as new deliveries: one by id, or all in a --status") { id, status, json };
        Validation.Add(command, result =>
        {
            if (result.GetValue(id) is null == result.GetValue(status) is null)
            {
                result.AddError("give either a delivery id or --status");
            }
        });
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var target = connection.Resolve(parse);
            var admin = target.Admin();
            IReadOnlyList<ReplayedDelivery> replayed = parse.GetValue(id) is { } one
                ? [new ReplayedDelivery(one, await admin.ReplayDeliveryAsync(one, cancellation))]
                : await ReplayAllAsync(admin, target.AppId, parse.GetValue(status)!, showProgress: CliOutput.IsTerminal && !parse.GetValue(json), cancellation);
            if (parse.GetValue(json))
            {
                CliOutput.Json(replayed, CliJson.Default.IReadOnlyListReplayedDelivery);
                return;
            }
            foreach (var r in replayed)
            {
                CliOutput.Out.WriteLine($"delivery {r.Id} replayed as delivery {r.DeliveryId}");
            }
            if (replayed.Count != 1)
            {
                CliOutput.Out.MarkupLine($"[bold]{replayed.Count}[/] deliveries replayed");
            }
        }));
        return connection.AddTo(command, ConnectionUse.AppId | ConnectionUse.AdminKey);
    }

    /// <summary>Collects every matching delivery page by page, then replays them in batches, under a progress bar on a terminal.</summary>
    private static async Task<IReadOnlyList<ReplayedDelivery>> ReplayAllAsync(TcbPushAdminClient admin, string? appId, string status,
        bool showProgress, CancellationToken cancellation)
    {
        var ids = new List<long>();
        for (long? before = null; ;)
        {
            var page = await admin.ListDeliveriesAsync(new DeliveryQuery(appId, status, Limit: PageSize, BeforeId: before), cancellation);
            var older = page.Where(d => before is null || d.Id < before).Select(d => d.Id).ToList();
            if (older.Count == 0)
            {
                break;
            }
            ids.AddRange(older);
            before = older.Min();
        }
        var replayed = new List<ReplayedDelivery>();
        async Task ReplayBatchesAsync(Action<int> advance)
        {
            foreach (var batch in ids.Chunk(ReplayBatch))
            {
                replayed.AddRange(await admin.ReplayDeliveriesAsync(batch, cancellation));
                advance(batch.Length);
            }
        }
        if (!showProgress || ids.Count == 0)
        {
            await ReplayBatchesAsync(_ => { });
            return replayed;
        }
        await CliOutput.Out.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask($"replaying {ids.Count} {status} deliveries", maxValue: ids.Count);
            await ReplayBatchesAsync(count => task.Increment(count));
        });
        return replayed;
    }

    private static Option<string?> StatusOption(string description)
    {
        var status = new Option<string?>("--status") { Description = description };
        status.AcceptOnlyFromAmong(Statuses);
        return status;
    }
}
