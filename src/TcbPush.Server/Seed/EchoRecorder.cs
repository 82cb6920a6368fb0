using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace TcbPush.Server.Seed;

/// <summary>
/// The demo's echo target: keeps the last requests it received, in memory, and answers as <see cref="DemoBot"/>
/// decides (<c>success</c>, or a passive reply for the demo official account).
/// </summary>
internal sealed class EchoRecorder(TimeProvider time, DemoBot bot)
{
    private const int Keep = 100;
    private const int MaxBodyChars = 64 * 1024;
    private readonly ConcurrentQueue<EchoedRequest> received = new();

    public async Task<IResult> RecordAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();
        var body = Encoding.UTF8.GetString(bytes);
        var headers = context.Request.Headers
            .Where(h => h.Key.StartsWith("x-wx-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        received.Enqueue(new EchoedRequest(time.GetUtcNow(), context.Request.Path, headers,
            body.Length > MaxBodyChars ? body[..MaxBodyChars] : body));
        while (received.Count > Keep && received.TryDequeue(out _))
        {
        }
        var (answer, contentType) = bot.Answer(context.Request.Headers["x-wx-appid"].ToString(), bytes);
        return Results.Text(answer, contentType);
    }

    public IReadOnlyList<EchoedRequest> Received() => received.ToArray();

    internal sealed record EchoedRequest(DateTimeOffset At, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
}
