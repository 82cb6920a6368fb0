using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using TcbPush.Protocol.Admin;
using TcbPush.Server.Push;
using TcbPush.Server.Push.Admin;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Console;

/// <summary>
/// "Replay all dead deliveries of this filter", one batch per call so that the page can show its progress: the
/// script posts the filter (with the form's anti-forgery token) and the <c>before_id</c> the last batch answered,
/// and repeats until <c>done</c>. The originals stay dead and the replays are new deliveries with higher ids, so
/// walking down from the first batch's ids visits every original once.
/// </summary>
internal static class ConsoleReplayBatch
{
    public const string Route = ConsolePaths.Root + "/deliveries/replay-dead";
    private const int BatchSize = 100;

    public static async Task<IResult> ReplayAsync(HttpContext context, IAntiforgery antiforgery, IPushStore store, DeliveryReplayer replayer)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        long? beforeId = null;
        if (form["before_id"].ToString() is { Length: > 0 } before)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return WeChatResponse.Error(TcbPush.Protocol.ErrCode.InvalidArgs, "before_id must be a delivery id");
            }
            beforeId = parsed;
        }
        var filter = DeliveryFilter.FromReplay(new ReplayRequest(
            AppId: form["appid"], Status: DeliveryStatus.Dead, MsgType: form["msg_type"], Since: form["since"], Until: form["until"],
            BeforeId: beforeId, Limit: BatchSize));
        if (filter.Error is { } invalid)
        {
            return WeChatResponse.Error(invalid);
        }
        var originals = await store.ListAsync(filter.Value);
        IReadOnlyList<(long Original, long Replay)> replayed = originals.Count == 0 ? [] : await replayer.ReplayAsync(originals);
        return WeChatResponse.Ok(json =>
        {
            json.WriteNumber("replayed", replayed.Count);
            if (originals.Count > 0)
            {
                json.WriteNumber("next_before_id", originals.Min(o => o.Id));
            }
            json.WriteBoolean("done", originals.Count < BatchSize);
        });
    }
}
