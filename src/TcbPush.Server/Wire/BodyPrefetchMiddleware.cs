using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TcbPush.Protocol;

namespace TcbPush.Server.Wire;

/// <summary>
/// Receives each request body whole (up to one byte past the limit) before the request takes a concurrency permit,
/// within <see cref="WireOptions.BodyReadTimeout"/>. A slow sender then holds only its own connection, never a permit
/// that fast callers need; one that does not finish in time is answered errcode -1 and
/// its connection closed. The handlers read the
/// received copy exactly as they read the network before, limit checks included.
/// </summary>
internal sealed class BodyPrefetchMiddleware(RequestDelegate next, IOptions<WireOptions> options, TimeProvider time)
{
    private readonly int limit = options.Value.BodyLimitBytes;
    private readonly TimeSpan timeout = options.Value.BodyReadTimeout;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0) ||
            request.ContentLength > limit)
        {
            // No body, or one refused by its declared length without reading it: nothing to wait for.
            await next(context);
            return;
        }
        byte[] received;
        // Small bodies usually arrive with the headers: then no deadline is armed.
        if (!request.BodyReader.TryRead(out var arrived) || !TryKeep(request.BodyReader, arrived, out received))
        {
            using var deadline = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, context.RequestAborted);
            try
            {
                received = await ReceiveAsync(request.BodyReader, linked.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
            {
                context.Response.Headers.Connection = "close";
                await WeChatResponse.WriteAsync(context,
                    new WeChatError(ErrCode.SystemBusy, $"request body not received within {timeout.TotalSeconds:0.#} s"), null);
                return;
            }
        }
        request.Body = new MemoryStream(received, writable: false);
        await next(context);
    }

    /// <summary>The body, or its first <c>limit + 1</c> bytes when it is longer (enough for the handler to refuse it).</summary>
    private async Task<byte[]> ReceiveAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryKeep(reader, await reader.ReadAsync(cancellationToken), out var received))
            {
                return received;
            }
        }
    }

    /// <summary>
    /// Takes the body out of <paramref name="read"/> once it is whole or past the limit (its first <c>limit + 1</c>
    /// bytes then); otherwise marks what arrived as examined, so that the next read waits for more.
    /// </summary>
    private bool TryKeep(PipeReader reader, ReadResult read, out byte[] received)
    {
        if (!read.IsCompleted && read.Buffer.Length <= limit)
        {
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            received = [];
            return false;
        }
        var kept = read.Buffer.Slice(0, Math.Min(read.Buffer.Length, limit + 1L));
        received = kept.ToArray();
        reader.AdvanceTo(kept.End);
        return true;
    }
}
