using TcbPush.Protocol;
using TcbPush.Tests.Conversations;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 "State": <c>POST /admin/reset</c> empties messages, deliveries and conversations, and nothing else.</summary>
public sealed class ResetTests
{
    [Fact]
    public async Task Reset_empties_conversations_so_the_user_is_unknown_again()
    {
        await using var push = await PushHarness.StartAsync();
        await push.UserSaysAsync(OpenApp);
        Assert.Equal(ErrCode.Ok, await push.Server.SendAsync(OpenApp, Text("before the reset")));

        var reset = AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/reset"));

        Assert.Equal(1, (int?)reset["deleted"]!["conversations"]);
        Assert.Empty(AssertOk(await push.Server.AdminAsync(HttpMethod.Get, $"/admin/apps/{OpenApp}/conversations"))["conversations"]!.AsArray());
        Assert.Empty(await push.Server.EntriesAsync(OpenApp));
        Assert.Equal(ErrCode.InvalidOpenId, await push.Server.SendAsync(OpenApp, Text("after the reset")));
    }

    [Fact]
    public async Task Reset_keeps_apps_envs_and_tokens()
    {
        await using var push = await PushHarness.StartAsync();
        var token = await push.Server.TokenAsync(OpenApp);
        await push.UserSaysAsync(OpenApp);

        AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/reset"));

        Assert.Equal(3, AssertOk(await push.Server.AdminAsync(HttpMethod.Get, "/admin/apps"))["apps"]!.AsArray().Count);
        Assert.Equal(2, AssertOk(await push.Server.AdminAsync(HttpMethod.Get, "/admin/envs"))["envs"]!.AsArray().Count);
        Assert.Equal(0, (int?)(await push.Server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", "{}"))["errcode"]);
        await push.UserSaysAsync(OpenApp, "after");
        Assert.Single(await push.Server.EntriesAsync(OpenApp));
    }
}
