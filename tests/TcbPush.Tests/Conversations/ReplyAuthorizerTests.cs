using System.Text.Json.Nodes;
using TcbPush.Tests.ThirdParty;
using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.Conversations;

/// <summary>
/// SPEC §10.3: a third-party platform answers users of its authorizer apps with authorizer tokens; the permission-set
/// rule (61007) is the tcb endpoints' only, but a revoked authorization (61003) and a component token (48001) are refused.
/// </summary>
public sealed class ReplyAuthorizerTests
{
    [Fact]
    public async Task Authorizer_token_without_set_49_or_64_sends_custom_messages()
    {
        await using var tp = await StartAsync();
        await UserSaysAsync(tp, AppB);

        AssertOk(await SendAsync(tp, await tp.AuthorizerTokenAsync(ComponentA, AppB)));
    }

    [Fact]
    public async Task Revoked_authorization_answers_61003()
    {
        await using var tp = await StartAsync();
        await UserSaysAsync(tp, AppA);
        var token = await tp.AuthorizerTokenAsync(ComponentA, AppA);
        AssertOk(await tp.AdminAsync(HttpMethod.Delete, $"/admin/authorizations/{ComponentA}/{AppA}"));

        AssertError(61003, await SendAsync(tp, token));
    }

    [Fact]
    public async Task Component_token_answers_48001()
    {
        await using var tp = await StartAsync();

        AssertError(48001, await SendAsync(tp, await tp.ComponentTokenAsync(ComponentA)));
    }

    private static async Task UserSaysAsync(ThirdPartyServer tp, string appId) =>
        AssertOk(await tp.AdminAsync(HttpMethod.Post, $"/admin/apps/{appId}/messages",
            new JsonObject { ["type"] = "text", ["content"] = "hello", ["from"] = ReplyHarness.User }));

    private static Task<JsonObject> SendAsync(ThirdPartyServer tp, string token) =>
        tp.Server.PostJsonAsync($"/cgi-bin/message/custom/send?access_token={token}", ReplyHarness.Text("hi"));
}
