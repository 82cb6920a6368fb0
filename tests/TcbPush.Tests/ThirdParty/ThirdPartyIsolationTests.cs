using System.Text.Json.Nodes;
using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.ThirdParty;

/// <summary>Each token kind stays in its lane: authorizer tokens act for one app, component tokens only on component APIs.</summary>
public sealed class ThirdPartyIsolationTests
{
    [Fact]
    public async Task Authorizer_token_writes_only_its_own_apps_configuration()
    {
        await using var tp = await StartAsync();
        AssertOk(await tp.SetConfigAsync(await tp.Server.TokenAsync(AppC), "appCsOwn"));

        AssertOk(await tp.SetConfigAsync(await tp.AuthorizerTokenAsync(ComponentA, AppA), "forAppA"));

        Assert.Equal("forAppA", await tp.ConfiguredFunctionAsync(await tp.Server.TokenAsync(AppA)));
        Assert.Equal("appCsOwn", await tp.ConfiguredFunctionAsync(await tp.Server.TokenAsync(AppC)));
        Assert.Null(await tp.ConfiguredFunctionAsync(await tp.Server.TokenAsync(AppOwn)));
    }

    [Fact]
    public async Task Authorizer_token_reads_only_its_own_apps_configuration()
    {
        await using var tp = await StartAsync();
        AssertOk(await tp.SetConfigAsync(await tp.Server.TokenAsync(AppC), "appCsOwn"));

        Assert.Null(await tp.ConfiguredFunctionAsync(await tp.AuthorizerTokenAsync(ComponentA, AppA)));
    }

    [Fact]
    public async Task Component_token_on_setcallbackconfig_answers_48001()
    {
        await using var tp = await StartAsync();

        AssertError(48001, await tp.SetConfigAsync(await tp.ComponentTokenAsync(ComponentA)));
    }

    [Fact]
    public async Task Component_token_on_getcallbackconfig_answers_48001()
    {
        await using var tp = await StartAsync();

        AssertError(48001, await tp.GetConfigAsync(await tp.ComponentTokenAsync(ComponentA)));
    }

    [Theory]
    [InlineData("api_create_preauthcode")]
    [InlineData("api_query_auth")]
    [InlineData("api_authorizer_token")]
    public async Task App_token_on_a_component_endpoint_answers_48001(string api)
    {
        await using var tp = await StartAsync();
        var appToken = await tp.Server.TokenAsync(AppA);

        var body = await tp.CallAsync(api, appToken, new JsonObject
        {
            ["component_appid"] = ComponentA,
            ["authorization_code"] = "queryauthcode@@@x",
            ["authorizer_appid"] = AppA,
            ["authorizer_refresh_token"] = RefreshToken(AppA),
        }, "access_token");

        AssertError(48001, body);
    }

    [Fact]
    public async Task Another_component_cannot_use_an_authorization_it_was_not_given()
    {
        await using var tp = await StartAsync();

        AssertError(61003, await tp.AuthorizerTokenCallAsync(ComponentB, AppA, RefreshToken(AppA)));
    }

    [Fact]
    public async Task Another_components_token_cannot_act_as_the_authorized_component()
    {
        await using var tp = await StartAsync();

        var body = await tp.AuthorizerTokenCallAsync(ComponentA, AppA, RefreshToken(AppA), componentToken: await tp.ComponentTokenAsync(ComponentB));

        AssertError(48001, body);
    }

    [Fact]
    public async Task Revoking_one_authorization_leaves_the_others_working()
    {
        await using var tp = await StartAsync();
        var tokenA = await tp.AuthorizerTokenAsync(ComponentA, AppA);
        var tokenC = await tp.AuthorizerTokenAsync(ComponentA, AppC);

        await tp.AdminAsync(HttpMethod.Delete, $"/admin/authorizations/{ComponentA}/{AppA}");

        AssertError(61003, await tp.GetConfigAsync(tokenA));
        AssertOk(await tp.GetConfigAsync(tokenC));
    }
}
