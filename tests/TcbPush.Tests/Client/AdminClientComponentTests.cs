using TcbPush.Client;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary>The SDK's admin client for third-party platforms: components, tickets, authorizations and authorization codes, against a real in-process server.</summary>
public sealed class AdminClientComponentTests : IAsyncLifetime
{
    private const string Component = "wxcomponent00001";
    private const string ComponentSecret = "component-secret";
    private const string Ticket = "ticket@@@0001";
    private const string Authorizer = "wxauthorizer0001";
    private TestServer server = null!;
    private TcbPushAdminClient admin = null!;
    private WeChatClient wechat = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", Authorizer));
        var options = new TcbPushClientOptions { BaseAddress = new Uri(server.Url), AdminKey = TestServer.AdminKey };
        admin = new TcbPushAdminClient(new HttpClient(), options);
        wechat = new WeChatClient(new HttpClient(), options);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Registered_component_is_listed_without_secret_or_ticket()
    {
        Assert.True(await admin.RegisterComponentAsync(new ComponentRegistration(Component, ComponentSecret, Ticket)));

        var component = Assert.Single(await admin.ListComponentsAsync());

        Assert.Equal(Component, component.ComponentAppId);
        Assert.True(component.TicketExpiresAt > component.TicketReceivedAt);
    }

    [Fact]
    public async Task Received_ticket_is_the_one_component_tokens_need()
    {
        await admin.RegisterComponentAsync(new ComponentRegistration(Component, ComponentSecret, Ticket));

        Assert.True(await admin.ReceiveComponentTicketAsync(Component, "ticket@@@0002"));

        Assert.NotEmpty((await wechat.GetComponentAccessTokenAsync(new ComponentTokenRequest(Component, ComponentSecret, "ticket@@@0002"))).ComponentAccessToken);
    }

    [Fact]
    public async Task Ticket_for_an_unknown_component_throws_WeChatException()
    {
        var error = await Assert.ThrowsAsync<WeChatException>(() => admin.ReceiveComponentTicketAsync("wxnosuchcomponent", Ticket));

        Assert.Equal(ErrCode.InvalidComponent, error.ErrCode);
    }

    [Fact]
    public async Task Granted_authorization_is_listed_and_its_refresh_token_works()
    {
        await admin.RegisterComponentAsync(new ComponentRegistration(Component, ComponentSecret, Ticket));

        var granted = await admin.GrantAuthorizationAsync(new AuthorizationRegistration(Component, Authorizer, [49]));

        Assert.True(granted.Changed);
        var listed = Assert.Single(await admin.ListAuthorizationsAsync());
        Assert.Equal((Component, Authorizer, (DateTimeOffset?)null), (listed.ComponentAppId, listed.AuthorizerAppId, listed.RevokedAt));
        Assert.Equal([49], listed.PermissionSets);
        var token = await wechat.GetAuthorizerAccessTokenAsync(await ComponentTokenAsync(), new AuthorizerTokenRequest(Component, Authorizer, granted.AuthorizerRefreshToken));
        Assert.NotEmpty(token.AuthorizerAccessToken);
    }

    [Fact]
    public async Task Revoked_authorization_is_listed_as_revoked()
    {
        await admin.RegisterComponentAsync(new ComponentRegistration(Component, ComponentSecret, Ticket));
        await admin.GrantAuthorizationAsync(new AuthorizationRegistration(Component, Authorizer, [49]));

        Assert.True(await admin.RevokeAuthorizationAsync(Component, Authorizer));

        Assert.NotNull(Assert.Single(await admin.ListAuthorizationsAsync()).RevokedAt);
        Assert.False(await admin.RevokeAuthorizationAsync(Component, Authorizer));
    }

    [Fact]
    public async Task Authorization_code_is_exchanged_with_query_auth()
    {
        await admin.RegisterComponentAsync(new ComponentRegistration(Component, ComponentSecret, Ticket));

        var code = await admin.CreateAuthorizationCodeAsync(new AuthorizationCodeRequest(Component, Authorizer, [49, 64]));

        Assert.Equal(600, code.ExpiresIn);
        var auth = await wechat.QueryAuthAsync(await ComponentTokenAsync(), new QueryAuthRequest(Component, code.AuthorizationCode));
        Assert.Equal(Authorizer, auth.AuthorizationInfo.AuthorizerAppId);
    }

    [Fact]
    public async Task Authorization_code_for_an_unregistered_app_throws_WeChatException()
    {
        await admin.RegisterComponentAsync(new ComponentRegistration(Component, ComponentSecret, Ticket));

        var error = await Assert.ThrowsAsync<WeChatException>(() =>
            admin.CreateAuthorizationCodeAsync(new AuthorizationCodeRequest(Component, "wxnotregistered1", [49])));

        Assert.Equal(ErrCode.InvalidAppId, error.ErrCode);
    }

    private async Task<string> ComponentTokenAsync() =>
        (await wechat.GetComponentAccessTokenAsync(new ComponentTokenRequest(Component, ComponentSecret, Ticket))).ComponentAccessToken;
}
