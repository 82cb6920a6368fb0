using System.Diagnostics;
using System.Net.Http.Headers;

namespace TcbPush.Bench;

/// <summary>Closed-loop HTTP load: a fixed number of connections, each posting as fast as answers come, for a fixed time.</summary>
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
    public async Task<LoadResult> RunAsync(Func<long, string> url, Func<long, byte[]> body, string contentType, Func<string, bool>? accept = null)
    {
        accept ??= text => text == "success";
        long next = 0;
        long ok = 0;
        long failed = 0;
        var media = MediaTypeHeaderValue.Parse(contentType);
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref next);
                using var content = new ByteArrayContent(body(i));
                content.Headers.ContentType = media;
                using var response = await client.PostAsync(url(i), content);
                var text = await response.Content.ReadAsStringAsync();
                Interlocked.Increment(ref response.IsSuccessStatusCode && accept(text) ? ref ok : ref failed);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new LoadResult(ok, failed, stopwatch.Elapsed);
    }

    public void Dispose() => client.Dispose();
}
