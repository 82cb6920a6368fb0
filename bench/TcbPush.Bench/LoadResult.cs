namespace TcbPush.Bench;

/// <summary>
/// What a load run achieved: answers that were 200 and accepted, all others, the time it took, and the latency
/// percentiles of the accepted answers in milliseconds (for a paced run, measured from each request's scheduled time).
/// </summary>
internal sealed record LoadResult(long Ok, long Failed, TimeSpan Elapsed, double P50, double P99)
{
    public double PerSecond => Ok / Elapsed.TotalSeconds;
}
