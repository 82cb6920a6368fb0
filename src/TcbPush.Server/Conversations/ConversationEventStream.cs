using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TcbPush.Server.Conversations;

/// <summary>
/// A conversation as Server-Sent Events: one <c>entry</c> event per entry after a sequence number (<c>id</c> = the
/// entry's seq), then each new one as it is committed, until the watcher goes away. The admin API's
/// <c>/events</c> and the web console's live chat both stream through here.
/// </summary>
internal static class ConversationEventStream
{
    private const int Batch = 100;

    /// <summary>A stream re-reads its conversation this often even without a wake-up (another node without notifications).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>An idle stream sends a comment this often so that proxies keep it open.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task WriteAsync(HttpContext context, string appId, string openId, long afterSeq, IConversationStore store,
        ConversationSignal signal)
    {
        var seq = afterSeq;
        var response = context.Response;
        // Ends with the watcher, or when the server stops: an open console tab must not hold up a shutdown.
        var lifetime = context.RequestServices.GetService<IHostApplicationLifetime>();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted,
            lifetime?.ApplicationStopping ?? CancellationToken.None);
        var stopping = ending.Token;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await response.WriteAsync("retry: 1000\n\n", stopping);
            await response.Body.FlushAsync(stopping);
            var idleSince = DateTime.UtcNow;
            while (!stopping.IsCancellationRequested)
            {
                var changed = signal.NextAsync(appId, openId);
                var entries = await store.EntriesAsync(appId, openId, seq, Batch);
                foreach (var entry in entries)
                {
                    await response.WriteAsync(
                        $"id: {entry.Seq.ToString(CultureInfo.InvariantCulture)}\nevent: entry\ndata: {Encoding.UTF8.GetString(ConversationWire.Serialize(entry))}\n\n",
                        stopping);
                    seq = entry.Seq;
                }
                if (entries.Count > 0)
                {
                    await response.Body.FlushAsync(stopping);
                    idleSince = DateTime.UtcNow;
                    if (entries.Count == Batch)
                    {
                        continue;
                    }
                }
                else if (DateTime.UtcNow - idleSince >= KeepAlive)
                {
                    await response.WriteAsync(": keep-alive\n\n", stopping);
                    await response.Body.FlushAsync(stopping);
                    idleSince = DateTime.UtcNow;
                }
                // Real time on purpose: a stream is a real connection, even when the server runs on a test clock.
                await Task.WhenAny(changed, Task.Delay(Poll, stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The watcher went away, or the server is stopping.
        }
    }
}
