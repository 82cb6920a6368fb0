using System.Diagnostics.Metrics;

namespace TcbPush.Server.Push.Delivery;

/// <summary>
/// The delivery worker's instruments (SPEC §12): attempts by outcome, their latency, and the backlog and dead
/// deliveries as stored (read from storage when scraped, so every node of one database reports the same).
/// </summary>
internal sealed class DeliveryMetrics
{
    public const string MeterName = "TcbPush.Push.Delivery";
    /// <summary>Seconds: from a fast local target to the default 5 s delivery timeout and beyond.</summary>
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> attempts;
    private readonly Histogram<double> latency;

    public DeliveryMetrics(IMeterFactory meters, IPushStore store)
    {
        var meter = meters.Create(MeterName);
        attempts = meter.CreateCounter<long>("tcbpush.delivery.attempts", "{attempt}", "Delivery attempts, by outcome (delivered, retry, dead)");
        latency = meter.CreateHistogram<double>("tcbpush.delivery.attempt.duration", "s", "Time from sending an attempt to its answer or failure",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        meter.CreateObservableGauge("tcbpush.deliveries.backlog", () => Count(store, DeliveryStatus.Pending) + Count(store, DeliveryStatus.Delivering),
            "{delivery}", "Deliveries waiting for an attempt or in one");
        meter.CreateObservableGauge("tcbpush.deliveries.dead", () => Count(store, DeliveryStatus.Dead), "{delivery}", "Deliveries given up after the last retry");
    }

    public void Attempted(string outcome, long latencyMilliseconds)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        attempts.Add(1, tag);
        latency.Record(latencyMilliseconds / 1000.0, tag);
    }

    // A scrape is synchronous; SQLite reads complete synchronously, PostgreSQL's take one short query.
    private static long Count(IPushStore store, string status) =>
        store.CountByStatusAsync().GetAwaiter().GetResult().GetValueOrDefault(status);
}
