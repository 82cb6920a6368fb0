using System.Net.Sockets;
using System.Text;

namespace TcbPush.Hardening;

/// <summary>
/// Clients that announce a large body and then send it at a trickle, each reconnecting as soon as the server cuts it,
/// so that <c>count</c> slow uploads are open all the time.
/// </summary>
internal sealed class SlowUploaders(Uri server, string path, int count, int bodyBytes, int bytesPerSecond) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> clients = [];
    private long open;
    private long cut;

    public long Open => Interlocked.Read(ref open);

    /// <summary>Uploads the server ended before the client had sent its whole body.</summary>
    public long Cut => Interlocked.Read(ref cut);

    /// <summary>Starts the clients, a few at a time, and returns once all of them have connected once.</summary>
    public async Task StartAsync()
    {
        for (var i = 0; i < count; i++)
        {
            clients.Add(Task.Run(RunAsync));
            if (i % 100 == 99)
            {
                await Task.Delay(50);
            }
        }
        while (Open < count * 9 / 10)
        {
            await Task.Delay(100);
        }
    }

    private async Task RunAsync()
    {
        var head = Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: text/xml\r\nContent-Length: {bodyBytes}\r\n\r\n");
        var chunk = Encoding.ASCII.GetBytes(new string('x', bytesPerSecond));
        while (!stop.IsCancellationRequested)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(server.Host, server.Port, stop.Token);
                Interlocked.Increment(ref open);
                try
                {
                    await socket.SendAsync(head, stop.Token);
                    for (var sent = 0; sent < bodyBytes; sent += chunk.Length)
                    {
                        await Task.Delay(1000, stop.Token);
                        await socket.SendAsync(chunk, stop.Token);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref open);
                }
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref cut);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        stop.Dispose();
    }
}
