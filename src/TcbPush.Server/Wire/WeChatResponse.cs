using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;

namespace TcbPush.Server.Wire;

/// <summary>Writes WeChat's JSON envelope: HTTP 200, <c>errcode</c>, <c>errmsg</c>, then the payload fields.</summary>
internal static class WeChatResponse
{
    public const string ContentType = "application/json; charset=utf-8";

    public static IResult Ok(Action<Utf8JsonWriter>? payload = null) => new EnvelopeResult(null, payload);

    /// <summary>
    /// <c>{"errcode":0,"errmsg":"ok",…}</c> where <c>…</c> are the properties of <paramref name="payload"/>, an object
    /// record of TcbPush.Protocol, serialized by its source-generated <paramref name="type"/>.
    /// </summary>
    public static IResult Ok<T>(T payload, JsonTypeInfo<T> type) where T : notnull =>
        Ok(json =>
        {
            using var document = JsonSerializer.SerializeToDocument(payload, type);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                property.WriteTo(json);
            }
        });

    public static IResult Error(WeChatError error) => new EnvelopeResult(error, null);

    public static IResult Error(int code, string? detail = null) => Error(new WeChatError(code, detail));

    /// <summary>The admin API's answer to a write: <c>{"errcode":0,"errmsg":"ok","changed":bool}</c> or the refusal.</summary>
    public static IResult Changed(Result<bool> result) =>
        result.Error is { } error ? Error(error) : Ok(new ChangedResponse(result.Value), AdminJson.Default.ChangedResponse);

    public static async Task WriteAsync(HttpContext context, WeChatError? error, Action<Utf8JsonWriter>? payload)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (error is null)
            {
                json.WriteNumber("errcode", ErrCode.Ok);
                json.WriteString("errmsg", ErrCode.Message(ErrCode.Ok));
                payload?.Invoke(json);
            }
            else
            {
                var rid = RequestContext.Rid(context);
                json.WriteNumber("errcode", error.Code);
                json.WriteString("errmsg", error.MessageWithRid(rid));
                RequestContext.Log(context).LogWeChatError(error, rid);
            }
            json.WriteEndObject();
        }
        RequestContext.SetErrCode(context, error?.Code ?? ErrCode.Ok);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    private sealed class EnvelopeResult(WeChatError? error, Action<Utf8JsonWriter>? payload) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, error, payload);
    }
}
