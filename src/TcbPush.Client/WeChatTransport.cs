using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TcbPush.Protocol;

namespace TcbPush.Client;

/// <summary>
/// Sends one call to a WeChat-style endpoint and reads its envelope: a non-zero <c>errcode</c> becomes a
/// <see cref="WeChatException"/>, and errcode <c>-1</c> (system busy) is retried with exponential backoff.
/// Anything that is not a WeChat answer (no JSON object, an HTTP error status without errcode) is an
/// <see cref="HttpRequestException"/>.
/// </summary>
internal sealed class WeChatTransport
{
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly int maxRetries;
    private readonly TimeSpan retryDelay;

    public WeChatTransport(HttpClient http, TcbPushClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        this.http = http;
        this.time = time;
        maxRetries = options.MaxRetries;
        retryDelay = options.RetryDelay;
        var baseAddress = options.BaseAddress ?? http.BaseAddress ?? TcbPushClientOptions.DefaultBaseAddress;
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    /// <summary>The server, ending with <c>/</c>; paths are resolved against it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Sends the call (again after each <c>-1</c>, up to the retry limit) and returns the answer's JSON object.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path and query, relative to the server (no leading <c>/</c>).</param>
    /// <param name="jsonBody">The UTF-8 JSON body, or null for none.</param>
    /// <param name="bearer">The admin key for <c>Authorization: Bearer</c>, or null.</param>
    /// <param name="cancellationToken">Cancels the call and any retry delay.</param>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte>? jsonBody,
        string? bearer, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
            if (jsonBody is { } body)
            {
                request.Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = JsonContentType } };
            }
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var answer = ReadAnswer(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            var code = answer.TryGet("errcode", out var errcode) && errcode.TryGetLenientInt64(out var parsed) ? parsed : ErrCode.Ok;
            if (code == ErrCode.Ok)
            {
                return answer;
            }
            var message = answer.TryGet("errmsg", out var errmsg) && errmsg.ValueKind == JsonValueKind.String ? errmsg.GetString()! : "";
            if (code != ErrCode.SystemBusy || attempt >= maxRetries)
            {
                throw new WeChatException((int)code, message);
            }
            await Task.Delay(retryDelay * Math.Pow(2, Math.Min(attempt, 16)), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Opens a Server-Sent Events stream (<c>GET</c>, <c>Accept: text/event-stream</c>, <c>Last-Event-ID</c> when given);
    /// the caller owns the response. An answer other than 2xx is an <see cref="HttpRequestException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, string? bearer, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, path));
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            return response;
        }
        using (response)
        {
            ReadAnswer(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "the server did not open an event stream", null, response.StatusCode);
        }
    }

    /// <summary>Serializes a request body.</summary>
    public static ReadOnlyMemory<byte> Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    /// <summary>Reads a payload out of an answer; an answer of another shape is an <see cref="HttpRequestException"/>.</summary>
    public static T Read<T>(JsonElement answer, JsonTypeInfo<T> type)
    {
        try
        {
            return answer.Deserialize(type) ?? throw new JsonException("the answer is null");
        }
        catch (JsonException e)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse,
                $"the server's answer does not have the expected {typeof(T).Name} form: {e.Message}", e);
        }
    }

    private static JsonElement ReadAnswer(HttpResponseMessage response, byte[] body)
    {
        var utf8 = body.AsMemory();
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        JsonElement? answer = null;
        try
        {
            using var document = LenientJson.Parse(utf8);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                answer = document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Not JSON: reported below with the status and an excerpt.
        }
        if (answer is { } json && (response.IsSuccessStatusCode || json.TryGet("errcode", out _)))
        {
            return json;
        }
        var detail = answer is { } other && other.TryGet("error", out var error) && error.ValueKind == JsonValueKind.String
            ? error.GetString()
            : Excerpt(utf8.Span);
        throw response.IsSuccessStatusCode
            ? new HttpRequestException(HttpRequestError.InvalidResponse, $"the server's answer is not a JSON object: {detail}", null, response.StatusCode)
            : new HttpRequestException(HttpRequestError.Unknown, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {detail}", null, response.StatusCode);
    }

    private static string Excerpt(ReadOnlySpan<byte> body)
    {
        const int Max = 200;
        var text = Encoding.UTF8.GetString(body.Length > Max ? body[..Max] : body).ReplaceLineEndings(" ").Trim();
        return body.Length > Max ? text + "…" : text.Length == 0 ? "(empty body)" : text;
    }
}
