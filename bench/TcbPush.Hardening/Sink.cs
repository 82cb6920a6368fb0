using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TcbPush.Hardening;

/// <summary>
/// The delivery targets: <c>/hang/…</c> never answers (until the sink stops), <c>/ok</c> answers <c>success</c> and
/// records when each message (by its <c>MsgId</c> in the body) arrived.
/// </summary>
internal sealed class Sink : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private long hanging;

    private Sink(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";

    /// <summary>Arrival time of each message at <c>/ok</c>, by the MsgId found in its body.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> Arrivals { get; } = new();

    public long Hanging => Interlocked.Read(ref hanging);

    public static async Task<Sink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new Sink(app);
        app.MapPost("/hang/{n}", async (HttpContext context) =>
        {
            Interlocked.Increment(ref sink.hanging);
            try
            {
                await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, sink.stopping.Token).Token);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Interlocked.Decrement(ref sink.hanging);
            }
        });
        app.MapPost("/ok", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var at = body.IndexOf("<MsgId>", StringComparison.Ordinal);
            if (at >= 0)
            {
                var end = body.IndexOf("</MsgId>", at, StringComparison.Ordinal);
                sink.Arrivals.TryAdd(body[(at + 7)..end], DateTimeOffset.UtcNow);
            }
            return Results.Text("success");
        });
        await app.StartAsync();
        sink.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
