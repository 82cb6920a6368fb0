using TcbPush.Server.Push.Delivery;
using TcbPush.Server.Push.Ingress;

namespace TcbPush.Server.Push.Admin;

/// <summary>
/// Replays deliveries: each becomes a new delivery of the same message (a new attempt series referencing the
/// original), routed by the configuration in force now, so a fixed configuration or target takes effect and an
/// unrouted message can be sent once a route exists. The originals stay as they were.
/// </summary>
internal sealed class DeliveryReplayer(IPushStore store, MessageRouter router, DeliverySignal signal, TimeProvider time)
{
    /// <summary>Replays the deliveries oldest first, in one transaction; returns (original id, new id) pairs.</summary>
    public async Task<IReadOnlyList<(long Original, long Replay)>> ReplayAsync(IEnumerable<DeliveryRecord> originals)
    {
        var ordered = originals.OrderBy(d => d.Id).ToList();
        var routes = new Dictionary<(string, string, string), DeliveryRoute>();
        var replays = new List<DeliveryReplay>(ordered.Count);
        foreach (var original in ordered)
        {
            var key = (original.AppId, original.MsgType, original.Event);
            if (!routes.TryGetValue(key, out var route))
            {
                routes[key] = route = await router.RouteAsync(original.AppId, original.MsgType, original.Event);
            }
            replays.Add(new DeliveryReplay(original.Id, route));
        }
        if (replays.Count == 0)
        {
            return [];
        }
        var ids = await store.ReplayAsync(replays, time.GetUtcNow());
        if (replays.Any(r => r.Route.IsRouted))
        {
            signal.Notify();
        }
        return [.. ordered.Select(o => o.Id).Zip(ids)];
    }
}
