using System.Diagnostics.Metrics;

namespace TcbPush.Server.Storage.Sqlite;

/// <summary>
/// The one SQLite writer's instruments: how long each group commit took (its statements and the COMMIT with its
/// fsync) and how many writes it carried. Their product against wall time says how busy the writer is, which bounds
/// every durable write of a node (bench/README.md).
/// </summary>
internal sealed class WriterMetrics
{
    public const string MeterName = "TcbPush.Storage";
    private readonly Histogram<double> duration;
    private readonly Histogram<int> writes;

    public WriterMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        duration = meter.CreateHistogram<double>("tcbpush.storage.commit.duration", "s", "Time of one group commit of the SQLite writer, statements and COMMIT");
        writes = meter.CreateHistogram<int>("tcbpush.storage.commit.writes", "{write}", "Writes carried by one group commit of the SQLite writer",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
    }

    public void Committed(int count, TimeSpan took)
    {
        duration.Record(took.TotalSeconds);
        writes.Record(count);
    }
}
