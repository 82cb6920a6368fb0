using System.Collections.Concurrent;
using System.Net;

namespace TcbPush.Tests.Client;

/// <summary>
/// A reverse proxy that serves a TcbPush server under a path prefix (<c>http://proxy.test/wechat-proxy/…</c>): a request
/// under the prefix goes to the server with the prefix removed; any other answers 404. Records every path it received.
/// </summary>
public sealed class PathPrefixHandler(Uri server, string prefix) : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    public static readonly Uri Proxy = new("http://proxy.test/");

    private readonly ConcurrentQueue<string> received = new();

    public IReadOnlyList<string> Received => [.. received];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        received.Enqueue(uri.AbsolutePath);
        if (uri.Host != Proxy.Host || !uri.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }
        request.RequestUri = new Uri(server, uri.PathAndQuery[prefix.Length..]);
        return await base.SendAsync(request, cancellationToken);
    }
}
