using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Conversations;

/// <summary><c>/cgi-bin/message/custom/send</c> and <c>/cgi-bin/message/custom/typing</c>: §2's checks, then §10.3's.</summary>
internal static class CustomServiceEndpoints
{
    public static IEndpointRouteBuilder MapCustomService(this IEndpointRouteBuilder routes)
    {
        routes.Map("/cgi-bin/message/custom/send", (HttpContext context, ReplyCallerCheck check, RequestBody body, ActiveReplies replies) =>
            HandleAsync(context, check, body, replies.SendAsync));
        routes.Map("/cgi-bin/message/custom/typing", (HttpContext context, ReplyCallerCheck check, RequestBody body, ActiveReplies replies) =>
            HandleAsync(context, check, body, replies.TypingAsync));
        return routes;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ReplyCallerCheck check, RequestBody body,
        Func<string, JsonElement, Task<Protocol.WeChatError?>> reply)
    {
        var caller = await check.CheckAsync(context);
        if (caller.Error is { } unauthorized)
        {
            return WeChatResponse.Error(unauthorized);
        }
        var parsed = await body.ReadJsonObjectAsync(context);
        if (parsed.Error is { } unreadable)
        {
            return WeChatResponse.Error(unreadable);
        }
        using var document = parsed.Value;
        var refused = await reply(caller.Value.AppId, document.RootElement);
        return refused is null ? WeChatResponse.Ok() : WeChatResponse.Error(refused);
    }
}
