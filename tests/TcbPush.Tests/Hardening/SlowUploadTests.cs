using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TcbPush.Protocol;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Hardening;

/// <summary>Clients that send their bodies slowly hold their own connections, never the permits fast callers need.</summary>
public sealed class SlowUploadTests
{
    private const string App = "wx00000000000000c1";
    private const int SlowSenders = 40;

    [Fact]
    public async Task Slow_uploads_do_not_starve_a_fast_client()
    {
        await using var server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App),
            configure: o => (o.MaxConcurrentRequests, o.MaxQueuedRequests) = (4, 4));
        var slow = new List<TcpClient>();
        try
        {
            for (var i = 0; i < SlowSenders; i++)
            {
                slow.Add(await StartUploadAsync(server.Url, $"/push/{App}", declaredLength: 100_000));
            }
            var token = await server.TokenAsync(App);

            var answers = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                var answer = await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", null);
                answers.Add(answer["errcode"]!.GetValue<int>());
            }

            Assert.All(answers, errcode => Assert.Equal(0, errcode));
        }
        finally
        {
            slow.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task A_body_not_received_within_the_deadline_is_answered_minus_1()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App), time);
        using var client = await StartUploadAsync(server.Url, $"/push/{App}", declaredLength: 1000);
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var read = stream.ReadAsync(buffer).AsTask();

        // The deadline's timer starts once the server has the request; advance until it has fired.
        for (var i = 0; i < 200 && !read.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(11));
            await Task.WhenAny(read, Task.Delay(50));
        }

        var answer = Encoding.UTF8.GetString(buffer, 0, await read);
        Assert.Contains($"\"errcode\":{ErrCode.SystemBusy}", answer, StringComparison.Ordinal);
        Assert.Contains("request body not received within 10 s", answer, StringComparison.Ordinal);
    }

    /// <summary>Sends the request line, headers and the first bytes of a body that never finishes.</summary>
    private static async Task<TcpClient> StartUploadAsync(string baseUrl, string path, int declaredLength)
    {
        var uri = new Uri(baseUrl);
        var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var head = $"POST {path} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: text/xml\r\nContent-Length: {declaredLength}\r\n\r\n<xml>";
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        return client;
    }
}
