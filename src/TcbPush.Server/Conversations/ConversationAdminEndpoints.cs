using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Conversations;

/// <summary>
/// The conversations admin API (SPEC §10.4), mapped into the <c>/admin</c> group: an app's conversations, newest
/// first; one conversation's entries after a sequence number; and its Server-Sent Events stream, one event per new
/// entry (<c>id</c> = the entry's seq), resumable with <c>Last-Event-ID</c>.
/// </summary>
internal static class ConversationAdminEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static RouteGroupBuilder MapConversationsAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/apps/{appid}/conversations", ListAsync);
        admin.MapGet("/apps/{appid}/conversations/{openid}", EntriesAsync);
        admin.MapGet("/apps/{appid}/conversations/{openid}/events", WatchAsync);
        return admin;
    }

    private static async Task<IResult> ListAsync(string appid, HttpContext context, IConversationStore store)
    {
        var limit = Number(context.Request.Query["limit"], "limit", DefaultLimit, 1, MaxLimit);
        var offset = Number(context.Request.Query["offset"], "offset", 0, 0, int.MaxValue);
        if ((limit.Error ?? offset.Error) is { } invalid)
        {
            return WeChatResponse.Error(invalid);
        }
        var conversations = await store.ListAsync(appid, (int)limit.Value, (int)offset.Value);
        var list = new ConversationList([.. conversations.Select(conversation => conversation.ToWire())]);
        return WeChatResponse.Ok(json => ConversationWire.WriteProperties(json, list));
    }

    private static async Task<IResult> EntriesAsync(string appid, string openid, HttpContext context, IConversationStore store)
    {
        var after = Number(context.Request.Query["after"], "after", 0, 0, long.MaxValue);
        var limit = Number(context.Request.Query["limit"], "limit", MaxLimit, 1, MaxLimit);
        if ((after.Error ?? limit.Error) is { } invalid)
        {
            return WeChatResponse.Error(invalid);
        }
        var entries = await store.EntriesAsync(appid, openid, after.Value, (int)limit.Value);
        var answer = new ConversationEntries(openid, [.. entries.Select(entry => entry.ToWire())]);
        return WeChatResponse.Ok(json => ConversationWire.WriteProperties(json, answer));
    }

    private static async Task<IResult> WatchAsync(string appid, string openid, HttpContext context, IConversationStore store, ConversationSignal signal)
    {
        var resumeFrom = context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastEventId
            ? new StringValues(lastEventId)
            : context.Request.Query["after"];
        var after = Number(resumeFrom, "Last-Event-ID", 0, 0, long.MaxValue);
        if (after.Error is { } invalid)
        {
            return WeChatResponse.Error(invalid);
        }
        await ConversationEventStream.WriteAsync(context, appid, openid, after.Value, store, signal);
        return Results.Empty;
    }

    private static Result<long> Number(StringValues values, string name, long defaultValue, long min, long max)
    {
        var text = values.ToString();
        if (text.Length == 0)
        {
            return defaultValue;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : new WeChatError(ErrCode.InvalidArgs, $"{name} must be an integer from {min} to {max}");
    }
}
