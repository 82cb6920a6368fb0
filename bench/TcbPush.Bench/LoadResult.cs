namespace TcbPush.Bench;

/// <summary>What a load run achieved: answers that were 200 <c>success</c>, all others, and the time it took.</summary>
internal sealed record LoadResult(long Ok, long Failed, TimeSpan Elapsed)
{
    public double PerSecond => Ok / Elapsed.TotalSeconds;
}
