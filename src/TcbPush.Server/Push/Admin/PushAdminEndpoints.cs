using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Apps;
using TcbPush.Server.Push.Delivery;
using TcbPush.Server.Push.Ingress;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Push.Admin;

/// <summary>The push router's admin API: simulated messages, the delivery log and replays, the targets' circuits (see docs/push-router.md).</summary>
internal static class PushAdminEndpoints
{
    public static RouteGroupBuilder MapPushAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/apps/{appid}/messages", SimulateAsync);
        admin.MapGet("/deliveries", ListAsync);
        admin.MapGet("/deliveries/{id}", GetAsync);
        admin.MapPost("/deliveries/{id}/replay", ReplayOneAsync);
        admin.MapPost("/deliveries/replay", ReplayManyAsync);
        admin.MapGet("/targets", ListTargets);
        return admin;
    }

    private static async Task<IResult> SimulateAsync(string appid, HttpContext context, RequestBody body, IAppStore apps,
        SimulatedMessages simulated, PushInbox inbox)
    {
        var request = await AdminBody.ReadAsync(context, body, AdminJson.Default.SimulatedMessage);
        if (request.Error is { } unreadable)
        {
            return WeChatResponse.Error(unreadable);
        }
        if (await apps.FindAsync(appid) is null)
        {
            return WeChatResponse.Error(ErrCode.InvalidAppId, $"app '{appid}' is not registered");
        }
        var message = simulated.Create(appid, request.Value);
        if (message.Error is { } invalid)
        {
            return WeChatResponse.Error(invalid);
        }
        var raw = message.Value.Encode(MessageFormat.Json);
        var accepted = await inbox.AcceptAsync(appid, message.Value, MessageFormat.Json, raw, simulated: true);
        return WeChatResponse.Ok(new SimulatedMessageResult(message.Value.Identity, accepted.DeliveryId, accepted.Status),
            AdminJson.Default.SimulatedMessageResult);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IPushStore store)
    {
        var query = DeliveryFilter.FromQuery(context.Request.Query);
        if (query.Error is { } invalid)
        {
            return WeChatResponse.Error(invalid);
        }
        var deliveries = await store.ListAsync(query.Value);
        return WeChatResponse.Ok(new DeliveryList([.. deliveries.Select(DeliveryWire.Info)]), AdminJson.Default.DeliveryList);
    }

    /// <summary>The delivery targets of this node with failures since their last success, and their circuits.</summary>
    private static IResult ListTargets(TargetCircuits circuits, TimeProvider time) =>
        WeChatResponse.Ok(new TargetCircuitList(circuits.Snapshot(time.GetUtcNow())), AdminJson.Default.TargetCircuitList);

    private static async Task<IResult> GetAsync(string id, IPushStore store)
    {
        if (await FindAsync(id, store) is not { } delivery)
        {
            return NotFound();
        }
        var attempts = await store.AttemptsAsync(delivery.Id);
        return WeChatResponse.Ok(new DeliveryDetail(DeliveryWire.Info(delivery), [.. attempts.Select(DeliveryWire.Info)]),
            AdminJson.Default.DeliveryDetail);
    }

    private static async Task<IResult> ReplayOneAsync(string id, IPushStore store, DeliveryReplayer replayer)
    {
        if (await FindAsync(id, store) is not { } delivery)
        {
            return NotFound();
        }
        var replayed = await replayer.ReplayAsync([delivery]);
        return WeChatResponse.Ok(new ReplayResponse(replayed[0].Replay), AdminJson.Default.ReplayResponse);
    }

    private static async Task<IResult> ReplayManyAsync(HttpContext context, RequestBody body, IPushStore store, DeliveryReplayer replayer)
    {
        var read = await AdminBody.ReadAsync(context, body, AdminJson.Default.ReplayRequest);
        if (read.Error is { } unreadable)
        {
            return WeChatResponse.Error(unreadable);
        }
        var request = read.Value;
        IReadOnlyList<DeliveryRecord> originals;
        if (request.Ids is not null)
        {
            if (request.HasFilter)
            {
                return WeChatResponse.Error(ErrCode.InvalidArgs, "give ids or a filter, not both");
            }
            if (request.Ids.Count is 0 or > DeliveryFilter.MaxReplay)
            {
                return WeChatResponse.Error(ErrCode.InvalidArgs, $"ids: 1-{DeliveryFilter.MaxReplay} delivery ids");
            }
            var ids = request.Ids.Distinct().ToList();
            originals = await store.FindAsync(ids);
            var missing = ids.Except(originals.Select(o => o.Id)).ToList();
            if (missing.Count > 0)
            {
                return NotFound(": " + string.Join(", ", missing.Select(m => m.ToString(CultureInfo.InvariantCulture))));
            }
        }
        else if (request.HasFilter)
        {
            var filter = DeliveryFilter.FromReplay(request);
            if (filter.Error is { } invalid)
            {
                return WeChatResponse.Error(invalid);
            }
            originals = await store.ListAsync(filter.Value);
        }
        else
        {
            return WeChatResponse.Error(ErrCode.MissingParameter, "ids, or a filter: appid, status, msg_type, since, until");
        }
        var replayed = await replayer.ReplayAsync(originals);
        return WeChatResponse.Ok(new ReplayedDeliveries([.. replayed.Select(r => new ReplayedDelivery(r.Original, r.Replay))]),
            AdminJson.Default.ReplayedDeliveries);
    }

    private static async Task<DeliveryRecord?> FindAsync(string id, IPushStore store) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var deliveryId)
            ? (await store.FindAsync([deliveryId])).SingleOrDefault()
            : null;

    private static IResult NotFound(string detail = "") => WeChatResponse.Error(ErrCode.InvalidArgs, "delivery not found" + detail);
}
