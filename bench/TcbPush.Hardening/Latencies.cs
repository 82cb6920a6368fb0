namespace TcbPush.Hardening;

/// <summary>Latency samples in milliseconds, summarised as median, 99th percentile and maximum.</summary>
internal sealed class Latencies
{
    private readonly List<double> samples = [];

    public int Count => samples.Count;

    public void Add(TimeSpan latency)
    {
        lock (samples)
        {
            samples.Add(latency.TotalMilliseconds);
        }
    }

    public override string ToString()
    {
        lock (samples)
        {
            if (samples.Count == 0)
            {
                return "no samples";
            }
            var sorted = samples.Order().ToArray();
            double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            return $"p50 {At(0.5):0.0} ms, p99 {At(0.99):0.0} ms, max {sorted[^1]:0.0} ms ({sorted.Length} samples)";
        }
    }
}
