using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TcbPush.Tests.Infrastructure;

/// <summary>
/// A recording HTTP target on a loopback port, like the conformance harness's sink:
/// <c>/ok/…</c> and <c>/fn/…</c> answer 200 <c>success</c>; <c>/fail/…</c> answers 500;
/// <c>/flaky/N/…</c> answers 503 to the first N non-probe requests on that path, then 200;
/// <c>/slow/MS/…</c> waits MS milliseconds (real time), then answers 200. A path given an answer with
/// <see cref="AnswerWith"/> answers 200 with that body (after the wait of a <c>/slow/MS/…</c> path).
/// </summary>
public sealed class Sink : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> hits = new();
    private readonly ConcurrentQueue<SinkRequest> requests = new();
    private readonly ConcurrentDictionary<string, string> answers = new();

    private Sink(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<SinkRequest> Requests => requests.ToArray();

    /// <summary>Starts a sink on a free loopback port, or on <paramref name="url"/> (a target coming back where it was).</summary>
    public static async Task<Sink> StartAsync(string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        Sink? sink = null;
        app.Run(context => sink!.AnswerAsync(context));
        await app.StartAsync();
        sink = new Sink(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return sink;
    }

    /// <summary>From now on, non-probe requests to exactly <paramref name="path"/> are answered 200 with <paramref name="body"/>.</summary>
    public void AnswerWith(string path, string body) => answers[path] = body;

    public IReadOnlyList<SinkRequest> ReceivedUnder(string pathPrefix) =>
        Requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>Waits (real time, bounded) until <paramref name="count"/> requests under the prefix have arrived.</summary>
    public async Task<IReadOnlyList<SinkRequest>> WaitForAsync(string pathPrefix, int count = 1, TimeSpan? timeout = null, Func<SinkRequest, bool>? where = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var got = ReceivedUnder(pathPrefix).Where(where ?? (_ => true)).ToList();
            if (got.Count >= count || cancellation.IsCancellationRequested)
            {
                return got;
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var path = context.Request.Path.Value ?? "/";
        var isProbe = System.Text.Encoding.UTF8.GetString(body).Contains("CheckContainerPath", StringComparison.Ordinal);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        requests.Enqueue(new SinkRequest(context.Request.Method, path, context.Request.QueryString.Value ?? "", headers, body, isProbe, DateTimeOffset.UtcNow));
        var hit = isProbe ? 0 : hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        var parts = path.Trim('/').Split('/');
        var (status, reply) = (200, "success");
        if (parts[0] == "fail")
        {
            (status, reply) = (500, "down");
        }
        else if (parts[0] == "flaky" && parts.Length > 1 && !isProbe && hit <= int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))
        {
            (status, reply) = (503, "not yet");
        }
        else if (parts[0] == "slow" && parts.Length > 1)
        {
            await Task.Delay(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), context.RequestAborted);
        }
        if (!isProbe && answers.TryGetValue(path, out var answer))
        {
            (status, reply) = (200, answer);
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(reply);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One request the sink received.</summary>
public sealed record SinkRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool IsProbe, DateTimeOffset At)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
