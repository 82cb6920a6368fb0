using System.Text.Json.Nodes;
using TcbPush.Client;
using TcbPush.Protocol;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary>
/// The SDK's third-party platform (component) calls of SPEC §3 against a real server, with the component and the
/// authorization declared in the seed. Needs the server's component endpoints (built on another branch).
/// </summary>
public sealed class ThirdPartyClientTests : IAsyncLifetime
{
    private const string Component = "wxcomponent00001";
    private const string ComponentSecret = "component-secret";
    private const string Ticket = "ticket@@@verify";
    private const string Authorizer = "wxauthorizer0001";
    private const string RefreshToken = "refreshtoken@@@authorizer0001";
    private TestServer server = null!;
    private WeChatClient client = null!;

    public async Task InitializeAsync()
    {
        var seed = TestServer.Seed("http://127.0.0.1:9", Authorizer);
        seed["components"] = new JsonArray(new JsonObject
        {
            ["component_appid"] = Component, ["component_appsecret"] = ComponentSecret, ["component_verify_ticket"] = Ticket,
        });
        seed["authorizations"] = new JsonArray(new JsonObject
        {
            ["component_appid"] = Component, ["authorizer_appid"] = Authorizer,
            ["permission_sets"] = new JsonArray(49), ["authorizer_refresh_token"] = RefreshToken,
        });
        server = await TestServer.StartAsync(seed);
        client = new WeChatClient(new HttpClient(), new TcbPushClientOptions { BaseAddress = new Uri(server.Url) });
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Component_token_is_issued_for_the_current_ticket()
    {
        var token = await client.GetComponentAccessTokenAsync(new ComponentTokenRequest(Component, ComponentSecret, Ticket));

        Assert.NotEmpty(token.ComponentAccessToken);
        Assert.Equal(7200, token.ExpiresIn);
    }

    [Fact]
    public async Task Component_token_with_a_wrong_ticket_throws_61006()
    {
        var error = await Assert.ThrowsAsync<WeChatException>(() =>
            client.GetComponentAccessTokenAsync(new ComponentTokenRequest(Component, ComponentSecret, "wrong-ticket")));

        Assert.Equal(ErrCode.ComponentTicketInvalid, error.ErrCode);
    }

    [Fact]
    public async Task Component_token_with_a_wrong_secret_throws_40125()
    {
        var error = await Assert.ThrowsAsync<WeChatException>(() =>
            client.GetComponentAccessTokenAsync(new ComponentTokenRequest(Component, "wrong", Ticket)));

        Assert.Equal(ErrCode.InvalidAppSecret, error.ErrCode);
    }

    [Fact]
    public async Task Pre_auth_code_is_created_with_the_component_token()
    {
        var code = await client.CreatePreAuthCodeAsync(await ComponentTokenAsync(), new PreAuthCodeRequest(Component));

        Assert.NotEmpty(code.PreAuthCode);
        Assert.Equal(600, code.ExpiresIn);
    }

    [Fact]
    public async Task Query_auth_with_an_unknown_code_throws()
    {
        var error = await Assert.ThrowsAsync<WeChatException>(async () =>
            await client.QueryAuthAsync(await ComponentTokenAsync(), new QueryAuthRequest(Component, "no-such-code")));

        Assert.NotEqual(ErrCode.Ok, error.ErrCode);
        Assert.NotNull(error.Rid);
    }

    [Fact]
    public async Task Authorizer_token_is_issued_for_the_refresh_token()
    {
        var token = await client.GetAuthorizerAccessTokenAsync(await ComponentTokenAsync(), new AuthorizerTokenRequest(Component, Authorizer, RefreshToken));

        Assert.NotEmpty(token.AuthorizerAccessToken);
        Assert.NotEmpty(token.AuthorizerRefreshToken);
        Assert.True(token.ExpiresIn > 0);
    }

    [Fact]
    public async Task Authorizer_token_with_a_wrong_refresh_token_throws_61023()
    {
        var error = await Assert.ThrowsAsync<WeChatException>(async () =>
            await client.GetAuthorizerAccessTokenAsync(await ComponentTokenAsync(), new AuthorizerTokenRequest(Component, Authorizer, "wrong")));

        Assert.Equal(ErrCode.InvalidRefreshToken, error.ErrCode);
    }

    [Fact]
    public async Task Component_calls_without_a_valid_component_token_are_refused()
    {
        var error = await Assert.ThrowsAsync<WeChatException>(() => client.CreatePreAuthCodeAsync("forged", new PreAuthCodeRequest(Component)));

        Assert.Equal(ErrCode.InvalidAccessToken, error.ErrCode);
    }

    [Fact]
    public async Task Authorizer_token_source_lets_a_platform_set_the_apps_configuration()
    {
        using var http = new HttpClient();
        var onBehalf = new WeChatClient(http, new TcbPushClientOptions
        {
            BaseAddress = new Uri(server.Url),
            AccessTokenSource = async cancellation =>
            {
                var answer = await client.GetAuthorizerAccessTokenAsync(await ComponentTokenAsync(),
                    new AuthorizerTokenRequest(Component, Authorizer, RefreshToken), cancellation);
                return new AccessTokenResponse(answer.AuthorizerAccessToken, answer.ExpiresIn);
            },
        });

        await onBehalf.SetCallbackConfigAsync(new SetCallbackConfigRequest(
            ContainerConfig: new ContainerConfig(false, "", "/on-behalf", ContainerConfig.Json)));

        var own = await server.TokenAsync(Authorizer);
        var data = (await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={own}", null))["data"]!;
        Assert.Equal("/on-behalf", data["container_config"]!["qbase_container_path"]!.GetValue<string>());
    }

    private async Task<string> ComponentTokenAsync() =>
        (await client.GetComponentAccessTokenAsync(new ComponentTokenRequest(Component, ComponentSecret, Ticket))).ComponentAccessToken;
}
