using System.Globalization;
using Microsoft.AspNetCore.Http;
using TcbPush.Server.Conversations;

namespace TcbPush.Server.Console;

/// <summary>
/// The console's live chat: the same event stream as <c>GET /admin/apps/{appid}/conversations/{openid}/events</c>,
/// authorised by the console session instead of the admin key (the key is never rendered into a page), resumable
/// with <c>Last-Event-ID</c> or <c>?after=SEQ</c>.
/// </summary>
internal static class ConsoleConversationEvents
{
    public const string Route = ConsolePaths.Root + "/apps/{appid}/conversations/{openid}/events";

    public static string For(string appId, string openId) =>
        $"{ConsolePaths.Root}/apps/{Uri.EscapeDataString(appId)}/conversations/{Uri.EscapeDataString(openId)}/events";

    public static async Task<IResult> StreamAsync(string appid, string openid, HttpContext context, IConversationStore store, ConversationSignal signal)
    {
        var resumeFrom = context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastEventId
            ? lastEventId
            : context.Request.Query["after"].ToString();
        var after = 0L;
        if (resumeFrom.Length > 0 && !long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return Results.BadRequest();
        }
        await ConversationEventStream.WriteAsync(context, appid, openid, after, store, signal);
        return Results.Empty;
    }
}
