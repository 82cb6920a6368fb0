using System.Text.Json.Nodes;
using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.ThirdParty;

/// <summary><c>api_query_auth</c>: an admin-created authorization code, redeemed once within 10 minutes.</summary>
public sealed class AuthorizationCodeTests
{
    [Fact]
    public async Task Query_auth_answers_authorization_info_with_token_refresh_token_and_permission_sets()
    {
        await using var tp = await StartAsync();
        var code = await tp.AuthorizationCodeAsync(ComponentA, AppOwn, 49, 18);

        var info = (await tp.QueryAuthAsync(ComponentA, code))["authorization_info"]!.AsObject();

        Assert.Equal(AppOwn, Field(info, "authorizer_appid"));
        Assert.False(string.IsNullOrEmpty(Field(info, "authorizer_access_token")));
        Assert.Equal(7200, info["expires_in"]!.GetValue<int>());
        Assert.Matches("^refreshtoken@@@[A-Za-z0-9_-]{43}$", Field(info, "authorizer_refresh_token"));
        Assert.Equal([18, 49], info["func_info"]!.AsArray().Select(f => f!["funcscope_category"]!["id"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Token_from_query_auth_sets_the_authorizers_configuration()
    {
        await using var tp = await StartAsync();
        var code = await tp.AuthorizationCodeAsync(ComponentA, AppOwn, 49);
        var info = (await tp.QueryAuthAsync(ComponentA, code))["authorization_info"]!.AsObject();

        AssertOk(await tp.SetConfigAsync(Field(info, "authorizer_access_token"), "byComponent"));

        Assert.Equal("byComponent", await tp.ConfiguredFunctionAsync(await tp.Server.TokenAsync(AppOwn)));
    }

    [Fact]
    public async Task Refresh_token_from_query_auth_gives_authorizer_tokens()
    {
        await using var tp = await StartAsync();
        var code = await tp.AuthorizationCodeAsync(ComponentA, AppOwn, 49);
        var info = (await tp.QueryAuthAsync(ComponentA, code))["authorization_info"]!.AsObject();

        var refreshed = await tp.AuthorizerTokenCallAsync(ComponentA, AppOwn, Field(info, "authorizer_refresh_token"));

        AssertOk(refreshed);
        Assert.False(string.IsNullOrEmpty(Field(refreshed, "authorizer_access_token")));
    }

    [Fact]
    public async Task Reused_authorization_code_answers_61010()
    {
        await using var tp = await StartAsync();
        var code = await tp.AuthorizationCodeAsync(ComponentA, AppOwn, 49);
        AssertOk(await tp.QueryAuthAsync(ComponentA, code));

        AssertError(61010, await tp.QueryAuthAsync(ComponentA, code));
    }

    [Fact]
    public async Task Authorization_code_works_until_just_before_10_minutes()
    {
        await using var tp = await StartAsync();
        var code = await tp.AuthorizationCodeAsync(ComponentA, AppOwn, 49);

        tp.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));

        AssertOk(await tp.QueryAuthAsync(ComponentA, code));
    }

    [Fact]
    public async Task Authorization_code_10_minutes_old_answers_61010()
    {
        await using var tp = await StartAsync();
        var code = await tp.AuthorizationCodeAsync(ComponentA, AppOwn, 49);

        tp.Time.Advance(TimeSpan.FromMinutes(10));

        AssertError(61010, await tp.QueryAuthAsync(ComponentA, code));
    }

    [Fact]
    public async Task Unknown_authorization_code_answers_61010()
    {
        await using var tp = await StartAsync();

        AssertError(61010, await tp.QueryAuthAsync(ComponentA, "queryauthcode@@@made-up"));
    }

    [Fact]
    public async Task Another_components_authorization_code_answers_61010_and_stays_usable_by_its_own()
    {
        await using var tp = await StartAsync();
        var code = await tp.AuthorizationCodeAsync(ComponentA, AppOwn, 49);

        AssertError(61010, await tp.QueryAuthAsync(ComponentB, code));
        AssertOk(await tp.QueryAuthAsync(ComponentA, code));
    }

    [Fact]
    public async Task Missing_authorization_code_answers_40101()
    {
        await using var tp = await StartAsync();

        AssertError(40101, await tp.CallAsync("api_query_auth", await tp.ComponentTokenAsync(ComponentA),
            new JsonObject { ["component_appid"] = ComponentA }));
    }

    [Fact]
    public async Task Re_authorization_by_code_makes_the_old_refresh_token_answer_61023()
    {
        await using var tp = await StartAsync();
        var code = await tp.AuthorizationCodeAsync(ComponentA, AppA, 49);
        var info = (await tp.QueryAuthAsync(ComponentA, code))["authorization_info"]!.AsObject();

        AssertError(61023, await tp.AuthorizerTokenCallAsync(ComponentA, AppA, RefreshToken(AppA)));
        AssertOk(await tp.AuthorizerTokenCallAsync(ComponentA, AppA, Field(info, "authorizer_refresh_token")));
    }

    [Fact]
    public async Task Re_authorization_by_code_replaces_the_permission_sets_at_once()
    {
        await using var tp = await StartAsync();
        var token = await tp.AuthorizerTokenAsync(ComponentA, AppA);
        AssertOk(await tp.SetConfigAsync(token));
        var code = await tp.AuthorizationCodeAsync(ComponentA, AppA, 18);

        AssertOk(await tp.QueryAuthAsync(ComponentA, code));

        AssertError(61007, await tp.SetConfigAsync(token));
    }
}
