using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TcbPush.Bench;

/// <summary>
/// The baseline: a bare Kestrel endpoint that reads the body and answers <c>success</c>, built like TcbPush's host.
/// It is also the delivery sink, counting what it receives and when the first and last arrived.
/// </summary>
internal sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication app;
    private long received;
    private long firstTicks;
    private long lastTicks;

    private BareKestrel(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    public long Received => Interlocked.Read(ref received);

    /// <summary>Time between the first and the last request received since <see cref="Reset"/>.</summary>
    public TimeSpan Span => TimeSpan.FromTicks(Interlocked.Read(ref lastTicks) - Interlocked.Read(ref firstTicks));

    public static async Task<BareKestrel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        BareKestrel? self = null;
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            self!.Count();
            return Results.Text("success");
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new BareKestrel(app, url);
        return self;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref received, 0);
        Interlocked.Exchange(ref firstTicks, 0);
        Interlocked.Exchange(ref lastTicks, 0);
    }

    private void Count()
    {
        var now = DateTime.UtcNow.Ticks;
        if (Interlocked.Increment(ref received) == 1)
        {
            Interlocked.Exchange(ref firstTicks, now);
        }
        Interlocked.Exchange(ref lastTicks, now);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
