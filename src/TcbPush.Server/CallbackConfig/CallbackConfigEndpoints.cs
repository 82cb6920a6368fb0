using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;
using TcbPush.Server.Wire;

namespace TcbPush.Server.CallbackConfig;

/// <summary><c>/tcb/setcallbackconfig</c> and <c>/tcb/getcallbackconfig</c>, checked in SPEC §2's order.</summary>
internal static class CallbackConfigEndpoints
{
    public static IEndpointRouteBuilder MapCallbackConfig(this IEndpointRouteBuilder routes)
    {
        routes.Map("/tcb/setcallbackconfig", SetAsync);
        routes.Map("/tcb/getcallbackconfig", GetAsync);
        return routes;
    }

    private static async Task<IResult> SetAsync(HttpContext context, TcbCallerGate gate, RequestBody body, CallbackConfigUpdater updater)
    {
        var caller = await gate.AuthenticateAsync(context);
        if (caller.Error is { } unauthorized)
        {
            return WeChatResponse.Error(unauthorized);
        }
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return WeChatResponse.Error(ErrCode.RequirePost);
        }
        var parsed = await body.ReadJsonObjectAsync(context);
        if (parsed.Error is { } unreadable)
        {
            return WeChatResponse.Error(unreadable);
        }
        using var document = parsed.Value;
        var patch = CallbackConfigValidator.Validate(document.RootElement);
        if (patch.Error is { } invalid)
        {
            return WeChatResponse.Error(invalid);
        }
        var refused = await updater.ApplyAsync(caller.Value.AppId, patch.Value);
        return refused is null ? WeChatResponse.Ok() : WeChatResponse.Error(refused);
    }

    private static async Task<IResult> GetAsync(HttpContext context, TcbCallerGate gate, RequestBody body, ICallbackConfigStore configs)
    {
        var caller = await gate.AuthenticateAsync(context);
        if (caller.Error is { } unauthorized)
        {
            return WeChatResponse.Error(unauthorized);
        }
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return WeChatResponse.Error(ErrCode.RequirePost);
        }
        var raw = await body.ReadAsync(context);
        if (raw.Error is { } tooLarge)
        {
            return WeChatResponse.Error(tooLarge);
        }
        if (!RequestBody.IsBlank(raw.Value.Span))
        {
            var parsed = RequestBody.ParseObject(raw.Value);
            if (parsed.Error is { } unreadable)
            {
                return WeChatResponse.Error(unreadable);
            }
            parsed.Value.Dispose();
        }
        var stored = await configs.GetAsync(caller.Value.AppId);
        return WeChatResponse.Ok(json =>
        {
            json.WritePropertyName("data");
            JsonSerializer.Serialize(json, stored.Config, ProtocolJson.Default.CallbackConfiguration);
        });
    }
}
