using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;

namespace TcbPush.Tests.Conversations;

/// <summary>
/// Helpers for replies and conversations on a <see cref="PushHarness"/>: an official account beside the harness's
/// mini programs, users made known by simulated messages, custom/send and typing calls, and conversation reads.
/// </summary>
internal static class ReplyHarness
{
    public const string OfficialAccount = "wxoa00000000000001";
    public const string User = "oUser0001";
    public const string Stranger = "oNeverSeen0001";

    /// <summary>Registers <see cref="OfficialAccount"/> (no message token) as an official account.</summary>
    public static async Task AddOfficialAccountAsync(this PushHarness push, string appId = OfficialAccount, string? token = null, string? aesKey = null)
    {
        var app = new JsonObject { ["appid"] = appId, ["secret"] = "secret-" + appId, ["kind"] = "officialaccount" };
        if (token is not null)
        {
            app["token"] = token;
        }
        if (aesKey is not null)
        {
            app["encoding_aes_key"] = aesKey;
        }
        PushHarness.AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/apps", app));
    }

    /// <summary>The user sends the app a simulated text (opening the 48-hour window).</summary>
    public static Task<JsonObject> UserSaysAsync(this PushHarness push, string appId, string text = "hello", string from = User) =>
        push.SimulateAsync(appId, new JsonObject { ["type"] = "text", ["content"] = text, ["from"] = from });

    /// <summary>The user triggers a simulated event.</summary>
    public static Task<JsonObject> UserEventAsync(this PushHarness push, string appId, string @event, string from = User) =>
        push.SimulateAsync(appId, new JsonObject { ["type"] = "event", ["event"] = @event, ["from"] = from });

    public static JsonObject Text(string content, string to = User) =>
        new() { ["touser"] = to, ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = content } };

    /// <summary>Calls custom/send (or typing) with a fresh token of the app unless one is given; returns the errcode.</summary>
    public static async Task<int> SendAsync(this TestServer server, string appId, object body, string? token = null, string api = "send")
    {
        token ??= await server.TokenAsync(appId);
        var answer = await server.PostJsonAsync($"/cgi-bin/message/custom/{api}?access_token={token}", body);
        return (int)answer["errcode"]!;
    }

    public static Task<int> TypingAsync(this TestServer server, string appId, string command = "Typing", string to = User) =>
        server.SendAsync(appId, new JsonObject { ["touser"] = to, ["command"] = command }, api: "typing");

    public static async Task<JsonArray> EntriesAsync(this TestServer server, string appId, string openId = User, long after = 0) =>
        PushHarness.AssertOk(await server.AdminAsync(HttpMethod.Get, $"/admin/apps/{appId}/conversations/{openId}?after={after}"))["entries"]!.AsArray();

    /// <summary>Polls (real time, bounded) until the conversation holds an entry matching <paramref name="condition"/>.</summary>
    public static async Task<JsonObject> WaitForEntryAsync(this TestServer server, string appId, Func<JsonObject, bool> condition, string openId = User)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            if ((await server.EntriesAsync(appId, openId)).Select(e => e!.AsObject()).FirstOrDefault(condition) is { } entry)
            {
                return entry;
            }
            Assert.False(timeout.IsCancellationRequested, $"no such entry: {(await server.EntriesAsync(appId, openId)).ToJsonString()}");
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
