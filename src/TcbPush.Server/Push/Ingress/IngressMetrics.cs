using System.Diagnostics.Metrics;

namespace TcbPush.Server.Push.Ingress;

/// <summary>The ingress's instruments (SPEC §12): messages received, by app, type and what became of them.</summary>
internal sealed class IngressMetrics
{
    public const string MeterName = "TcbPush.Push.Ingress";
    private readonly Counter<long> received;

    public IngressMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        received = meter.CreateCounter<long>("tcbpush.messages.received", "{message}", "Messages received, by app, type and status (pending, unrouted, duplicate)");
    }

    public void Received(string appId, string type, string status) => received.Add(1,
        new KeyValuePair<string, object?>("app", appId),
        new KeyValuePair<string, object?>("type", type),
        new KeyValuePair<string, object?>("status", status));
}
