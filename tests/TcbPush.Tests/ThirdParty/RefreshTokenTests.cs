using System.Text.Json.Nodes;
using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.ThirdParty;

/// <summary><c>api_authorizer_token</c>: a standing authorization's refresh token gives authorizer tokens.</summary>
public sealed class RefreshTokenTests
{
    [Fact]
    public async Task Seeded_refresh_token_gives_an_authorizer_token_and_the_refresh_token_to_use_next()
    {
        await using var tp = await StartAsync();

        var body = await tp.AuthorizerTokenCallAsync(ComponentA, AppA);

        Assert.False(string.IsNullOrEmpty(Field(body, "authorizer_access_token")));
        Assert.Equal(7200, body["expires_in"]!.GetValue<int>());
        Assert.Equal(RefreshToken(AppA), Field(body, "authorizer_refresh_token"));
        Assert.Null(body["errcode"]);
    }

    [Fact]
    public async Task Refresh_token_keeps_working_until_the_authorization_is_granted_again()
    {
        await using var tp = await StartAsync();
        AssertOk(await tp.AuthorizerTokenCallAsync(ComponentA, AppA));

        AssertOk(await tp.AuthorizerTokenCallAsync(ComponentA, AppA));
    }

    [Fact]
    public async Task Wrong_refresh_token_answers_61023()
    {
        await using var tp = await StartAsync();

        AssertError(61023, await tp.AuthorizerTokenCallAsync(ComponentA, AppA, "refreshtoken@@@wrong"));
    }

    [Fact]
    public async Task Another_authorizers_refresh_token_answers_61023()
    {
        await using var tp = await StartAsync();

        AssertError(61023, await tp.AuthorizerTokenCallAsync(ComponentA, AppA, RefreshToken(AppB)));
    }

    [Fact]
    public async Task App_that_never_authorized_the_component_answers_61003()
    {
        await using var tp = await StartAsync();

        AssertError(61003, await tp.AuthorizerTokenCallAsync(ComponentA, AppOwn, RefreshToken(AppA)));
    }

    [Fact]
    public async Task Missing_authorizer_appid_answers_40101()
    {
        await using var tp = await StartAsync();

        AssertError(40101, await tp.CallAsync("api_authorizer_token", await tp.ComponentTokenAsync(ComponentA),
            new JsonObject { ["component_appid"] = ComponentA, ["authorizer_refresh_token"] = RefreshToken(AppA) }));
    }

    [Fact]
    public async Task Admin_re_grant_makes_the_old_refresh_token_answer_61023_and_returns_the_new_one()
    {
        await using var tp = await StartAsync();
        var regrant = Authorization(ComponentA, AppA, 49);
        regrant.Remove("authorizer_refresh_token");

        var granted = await tp.AdminAsync(HttpMethod.Post, "/admin/authorizations", regrant);

        AssertError(61023, await tp.AuthorizerTokenCallAsync(ComponentA, AppA, RefreshToken(AppA)));
        AssertOk(await tp.AuthorizerTokenCallAsync(ComponentA, AppA, Field(granted, "authorizer_refresh_token")));
    }

    [Fact]
    public async Task New_authorizer_token_leaves_the_previous_one_working_for_the_overlap()
    {
        await using var tp = await StartAsync();
        var first = await tp.AuthorizerTokenAsync(ComponentA, AppA);
        await tp.AuthorizerTokenAsync(ComponentA, AppA);

        AssertOk(await tp.GetConfigAsync(first));
        tp.Time.Advance(TimeSpan.FromMinutes(5));
        AssertError(40001, await tp.GetConfigAsync(first));
    }

    [Fact]
    public async Task Authorizer_token_past_its_lifetime_answers_42001()
    {
        await using var tp = await StartAsync();
        var token = await tp.AuthorizerTokenAsync(ComponentA, AppA);

        tp.Time.Advance(TimeSpan.FromSeconds(7200));

        AssertError(42001, await tp.GetConfigAsync(token));
    }
}
