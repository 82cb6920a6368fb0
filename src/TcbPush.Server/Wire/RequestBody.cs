using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TcbPush.Protocol;

namespace TcbPush.Server.Wire;

/// <summary>Reads a WeChat API request body, whatever its Content-Type, never past the configured limit.</summary>
internal sealed class RequestBody(IOptions<WireOptions> options)
{
    private readonly int limit = options.Value.BodyLimitBytes;

    /// <summary>The raw body, or 40097 when it is larger than the limit.</summary>
    public async Task<Result<ReadOnlyMemory<byte>>> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > limit)
        {
            return new WeChatError(ErrCode.InvalidArgs, $"request body larger than {limit} bytes");
        }
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            if (read.Buffer.Length > limit)
            {
                reader.AdvanceTo(read.Buffer.Start);
                return new WeChatError(ErrCode.InvalidArgs, $"request body larger than {limit} bytes");
            }
            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return new ReadOnlyMemory<byte>(bytes);
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>
    /// Checks 5 and 6 of SPEC §2's order: 43002 unless the method is POST, then the body as a JSON object (40097 past
    /// the limit, 44002 when empty unless <paramref name="rule"/> allows it, 47001 when not a JSON object). The
    /// document lives until the response has been sent; an allowed empty body reads as <see cref="JsonValueKind.Undefined"/>.
    /// </summary>
    public async Task<Result<JsonElement>> ReadPostAsync(HttpContext context, PostBody rule = PostBody.Required)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return new WeChatError(ErrCode.RequirePost);
        }
        var body = await ReadAsync(context);
        if (body.Error is { } error)
        {
            return error;
        }
        if (rule == PostBody.Optional && IsBlank(body.Value.Span))
        {
            return default(JsonElement);
        }
        var parsed = ParseObject(body.Value);
        if (parsed.Error is { } unreadable)
        {
            return unreadable;
        }
        context.Response.RegisterForDispose(parsed.Value);
        return parsed.Value.RootElement;
    }

    /// <summary>The body as a JSON object, whatever the method: 44002 when empty, 47001 when not JSON or not an object.</summary>
    public async Task<Result<JsonDocument>> ReadJsonObjectAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        return body.Error is { } error ? error : ParseObject(body.Value);
    }

    private static Result<JsonDocument> ParseObject(ReadOnlyMemory<byte> body)
    {
        if (IsBlank(body.Span))
        {
            return new WeChatError(ErrCode.EmptyPostData);
        }
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return new WeChatError(ErrCode.DataFormatError, "body is not UTF-8");
        }
        JsonDocument document;
        try
        {
            document = LenientJson.Parse(body);
        }
        catch (JsonException)
        {
            return new WeChatError(ErrCode.DataFormatError);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return new WeChatError(ErrCode.DataFormatError, "body is not a JSON object");
        }
        return document;
    }

    private static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;
}
