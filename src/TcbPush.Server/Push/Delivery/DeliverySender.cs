using System.Buffers;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using TcbPush.Server.Credentials;

namespace TcbPush.Server.Push.Delivery;

/// <summary>Makes one attempt: any 2xx within the timeout delivers; anything else (status, timeout, no connection) fails.</summary>
internal sealed class DeliverySender(IHttpClientFactory httpClients, CloudCallTokens cloudCalls, TimeProvider time, IOptions<PushOptions> options)
{
    public const string HttpClientName = "push-delivery";

    /// <summary>SPEC §10.3: the app's cloud-call token, so that the code behind the push can call back without a secret.</summary>
    public const string CloudCallHeader = "X-WX-CLOUDBASE-ACCESS-TOKEN";
    public const int ExcerptBytes = 4096;
    private readonly TimeSpan timeout = options.Value.DeliveryTimeout;

    /// <exception cref="OperationCanceledException">only when <paramref name="stopping"/> is cancelled</exception>
    public async Task<AttemptResult> SendAsync(ClaimedDelivery delivery, CancellationToken stopping)
    {
        var at = time.GetUtcNow();
        HttpRequestMessage built;
        try
        {
            built = DeliveryRequest.Create(delivery);
        }
#pragma warning disable CA1031 // Whatever stops the message from being rendered is recorded as the attempt's error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var refused = new DeliveryAttempt(delivery.Attempts + 1, at, delivery.TargetUrl, null, 0, "",
                $"the message cannot be rendered for this target: {e.Message}");
            return new AttemptResult(refused, Delivered: false, [], Permanent: true);
        }
        using var request = built;
        try
        {
            // Null when the app was removed since: the message is still delivered, with nothing to call back with.
            if (await cloudCalls.ForDeliveryAsync(delivery.AppId) is { } cloudCall)
            {
                request.Headers.TryAddWithoutValidation(CloudCallHeader, cloudCall);
            }
        }
#pragma warning disable CA1031 // Storage that cannot issue the token now fails this attempt; a later one may succeed.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            var failed = new DeliveryAttempt(delivery.Attempts + 1, at, delivery.TargetUrl, null, 0, "", $"no cloud-call token for the app: {e.Message}");
            return new AttemptResult(failed, Delivered: false, []);
        }
        using var activity = PushTracing.StartAttempt(delivery.TraceParent, delivery.Id, delivery.TargetUrl);
        request.Headers.TryAddWithoutValidation(PushTracing.Header, PushTracing.AttemptHeader(activity, delivery.TraceParent));
        // The HTTP timeout runs on the real clock even when the rest of the server runs on a test clock.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        byte[] body = [];
        string? error = null;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            status = (int)response.StatusCode;
            body = await ReadStartAsync(response.Content, deadline.Token);
            if (status is < 200 or > 299)
            {
                error = $"HTTP {status}";
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            error = $"no answer within {timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e)
        {
            error = $"{e.HttpRequestError}: {e.Message}";
        }
        var latency = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        activity?.SetTag("http.response.status_code", status);
        if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
        }
        var excerpt = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ExcerptBytes));
        var log = new DeliveryAttempt(delivery.Attempts + 1, at, delivery.TargetUrl, status, latency, excerpt, error);
        return new AttemptResult(log, error is null, body);
    }

    /// <summary>
    /// The start of the answer (enough for a passive reply; the log keeps its first 4 KiB); a body that stops short
    /// or arrives late is kept as far as it came. An answer that declares no body costs no buffer; otherwise the
    /// buffer is rented, so that a busy worker does not allocate 64 KiB per attempt.
    /// </summary>
    private static async Task<byte[]> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared == 0)
        {
            return [];
        }
        var limit = (int)Math.Min(declared ?? DeliveryAnswer.MaxBodyBytes, DeliveryAnswer.MaxBodyBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        var filled = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            int read;
            while (filled < limit && (read = await stream.ReadAsync(buffer.AsMemory(filled, limit - filled), cancellationToken)) > 0)
            {
                filled += read;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            // The status already decided the attempt; the excerpt is what arrived.
        }
        var body = buffer[..filled];
        ArrayPool<byte>.Shared.Return(buffer);
        return body;
    }
}
