using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Conversations;

/// <summary>
/// <c>/cgi-bin/message/custom/send</c> and <c>/cgi-bin/message/custom/typing</c>: on the tcb surface (SPEC §2's checks
/// first; an authorizer acts here without permission set 49 or 64), then §10.3's.
/// </summary>
internal static class CustomServiceEndpoints
{
    public static IEndpointRouteBuilder MapCustomService(this IEndpointRouteBuilder routes)
    {
        routes.Map("/cgi-bin/message/custom/send", (TcbCall call, ActiveReplies replies) => ReplyAsync(call, replies.SendAsync))
            .RequireTcbCaller(permissionSets: false);
        routes.Map("/cgi-bin/message/custom/typing", (TcbCall call, ActiveReplies replies) => ReplyAsync(call, replies.TypingAsync))
            .RequireTcbCaller(permissionSets: false);
        return routes;
    }

    private static async Task<IResult> ReplyAsync(TcbCall call, Func<string, JsonElement, Task<WeChatError?>> reply) =>
        await reply(call.Caller.AppId, call.Body) is { } refused ? WeChatResponse.Error(refused) : WeChatResponse.Ok();
}
