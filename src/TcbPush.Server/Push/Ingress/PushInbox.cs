using Microsoft.Extensions.Options;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Push.Delivery;

namespace TcbPush.Server.Push.Ingress;

/// <summary>
/// Where every message enters, pushed or simulated: routes it by the configuration in force now, stores it with its
/// delivery in one transaction (or finds it a duplicate), and wakes the worker.
/// </summary>
internal sealed class PushInbox(IPushStore store, MessageRouter router, DeliverySignal signal, TimeProvider time, IOptions<PushOptions> options,
    IngressMetrics metrics)
{
    private readonly TimeSpan dedupeWindow = options.Value.DedupeWindow;

    /// <summary>
    /// Returns once the message and its delivery are durably committed. <paramref name="traceParent"/> is the incoming
    /// W3C <c>traceparent</c>, if any: the message's trace continues it.
    /// </summary>
    public async Task<AcceptedMessage> AcceptAsync(string appId, PushedMessage message, MessageFormat receivedAs, byte[] raw, bool simulated = false,
        string? traceParent = null)
    {
        using var activity = PushTracing.StartReceive(traceParent, appId, message.MsgType);
        var route = await router.RouteAsync(appId, message.MsgType, message.Event);
        var now = time.GetUtcNow();
        var inbound = new InboundMessage(appId, message.Identity, message.MsgType, message.Event, message.FromUserName, receivedAs,
            raw, message.Encode(MessageFormat.Json), simulated, PushTracing.ContextOf(activity, traceParent));
        var accepted = await store.AcceptAsync(inbound, route, now, now + dedupeWindow);
        metrics.Received(appId, message.MsgType, accepted.Status);
        if (accepted.Status == DeliveryStatus.Pending)
        {
            signal.Notify();
        }
        return accepted;
    }
}
