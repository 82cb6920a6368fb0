using System.Collections.Concurrent;

namespace TcbPush.Tests.Client;

/// <summary>Passes requests to the network and counts them by path.</summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    private readonly ConcurrentDictionary<string, int> counts = new();

    public int Count(string path) => counts.GetValueOrDefault(path);

    public int Total => counts.Values.Sum();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counts.AddOrUpdate(request.RequestUri!.AbsolutePath, 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
