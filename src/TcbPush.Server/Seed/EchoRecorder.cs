using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace TcbPush.Server.Seed;

/// <summary>The demo's echo target: answers <c>success</c> and keeps the last requests it received, in memory.</summary>
internal sealed class EchoRecorder(TimeProvider time)
{
    private const int Keep = 100;
    private const int MaxBodyChars = 64 * 1024;
    private readonly ConcurrentQueue<EchoedRequest> received = new();

    public async Task<IResult> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers
            .Where(h => h.Key.StartsWith("x-wx-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        received.Enqueue(new EchoedRequest(time.GetUtcNow(), context.Request.Path, headers,
            body.Length > MaxBodyChars ? body[..MaxBodyChars] : body));
        while (received.Count > Keep && received.TryDequeue(out _))
        {
        }
        return Results.Text("success");
    }

    public IReadOnlyList<EchoedRequest> Received() => received.ToArray();

    internal sealed record EchoedRequest(DateTimeOffset At, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
}
