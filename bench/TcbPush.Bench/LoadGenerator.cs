using System.Diagnostics;
using System.Net.Http.Headers;

namespace TcbPush.Bench;

/// <summary>
/// HTTP load on a fixed number of connections for a fixed time. Closed loop by default (each connection posts as soon
/// as the previous answer came); paced when a rate is given (request i is due at i / rate seconds after the start, and
/// its latency counts from then, so that a stall shows in the percentiles instead of slowing the load down).
/// </summary>
internal sealed class LoadGenerator(int connections, TimeSpan duration) : IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseProxy = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Posts <paramref name="body"/>(i) to <paramref name="url"/>(i); returns the count of answers that were 200 and
    /// <paramref name="accept"/>ed (default: the body is <c>success</c>), and of all others.
    /// </summary>
    public async Task<LoadResult> RunAsync(Func<long, string> url, Func<long, byte[]> body, string contentType, Func<string, bool>? accept = null,
        double? rate = null)
    {
        accept ??= text => text == "success";
        long next = 0;
        long ok = 0;
        long failed = 0;
        var media = MediaTypeHeaderValue.Parse(contentType);
        var latencies = new List<long>[connections];
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(1 << 14);
            while (stopwatch.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref next);
                var due = rate is { } perSecond ? (long)(i / perSecond * Stopwatch.Frequency) : stopwatch.ElapsedTicks;
                if (rate is not null)
                {
                    var wait = TimeSpan.FromSeconds((double)(due - stopwatch.ElapsedTicks) / Stopwatch.Frequency);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                    if (stopwatch.Elapsed >= duration)
                    {
                        break;
                    }
                }
                using var content = new ByteArrayContent(body(i));
                content.Headers.ContentType = media;
                using var response = await client.PostAsync(url(i), content);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && accept(text))
                {
                    Interlocked.Increment(ref ok);
                    mine.Add(stopwatch.ElapsedTicks - due);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return new LoadResult(ok, failed, elapsed, Percentile(0.50), Percentile(0.99));
    }

    public void Dispose() => client.Dispose();
}
