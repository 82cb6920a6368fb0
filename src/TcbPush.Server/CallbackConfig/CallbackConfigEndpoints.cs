using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;
using TcbPush.Server.Wire;

namespace TcbPush.Server.CallbackConfig;

/// <summary><c>/tcb/setcallbackconfig</c> and <c>/tcb/getcallbackconfig</c>, on the tcb surface (SPEC §2's checks run first).</summary>
internal static class CallbackConfigEndpoints
{
    public static IEndpointRouteBuilder MapCallbackConfig(this IEndpointRouteBuilder routes)
    {
        routes.Map("/tcb/setcallbackconfig", SetAsync).RequireTcbCaller();
        routes.Map("/tcb/getcallbackconfig", GetAsync).RequireTcbCaller(PostBody.Optional);
        return routes;
    }

    private static async Task<IResult> SetAsync(TcbCall call, CallbackConfigUpdater updater)
    {
        var patch = CallbackConfigValidator.Validate(call.Body);
        if (patch.Error is { } invalid)
        {
            return WeChatResponse.Error(invalid);
        }
        var refused = await updater.ApplyAsync(call.Caller.AppId, patch.Value);
        return refused is null ? WeChatResponse.Ok() : WeChatResponse.Error(refused);
    }

    private static async Task<IResult> GetAsync(TcbCall call, ICallbackConfigStore configs)
    {
        var stored = await configs.GetAsync(call.Caller.AppId);
        return WeChatResponse.Ok(json =>
        {
            json.WritePropertyName("data");
            JsonSerializer.Serialize(json, stored.Config, ProtocolJson.Default.CallbackConfiguration);
        });
    }
}
