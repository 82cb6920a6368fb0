using System.Net;
using TcbPush.Client;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary>The SDK's admin client for apps and environments against a real in-process server.</summary>
public sealed class AdminClientTests : IAsyncLifetime
{
    private TestServer server = null!;
    private TcbPushAdminClient admin = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync();
        admin = Admin(TestServer.AdminKey);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Registered_app_is_listed_without_its_secret()
    {
        Assert.True(await admin.RegisterAppAsync(new AppRegistration("wxadmin00000001", "s3cret", Token: "msgtoken1")));

        var app = Assert.Single(await admin.ListAppsAsync());

        Assert.Equal(new AppInfo("wxadmin00000001", HasToken: true, HasEncodingAesKey: false), app);
    }

    [Fact]
    public async Task Registering_the_same_app_again_changes_nothing()
    {
        await admin.RegisterAppAsync(new AppRegistration("wxadmin00000001", "s3cret"));

        Assert.False(await admin.RegisterAppAsync(new AppRegistration("wxadmin00000001", "s3cret")));
    }

    [Fact]
    public async Task Registered_app_can_get_a_token()
    {
        await admin.RegisterAppAsync(new AppRegistration("wxadmin00000001", "s3cret"));

        Assert.NotEmpty(await server.TokenAsync("wxadmin00000001", "s3cret"));
    }

    [Fact]
    public async Task Removed_app_is_no_longer_listed()
    {
        await admin.RegisterAppAsync(new AppRegistration("wxadmin00000001", "s3cret"));

        Assert.True(await admin.RemoveAppAsync("wxadmin00000001"));

        Assert.Empty(await admin.ListAppsAsync());
    }

    [Fact]
    public async Task Registered_environment_is_listed()
    {
        Assert.True(await admin.RegisterEnvironmentAsync(new EnvironmentRegistration("env-admin", "http://127.0.0.1:9/c", "http://127.0.0.1:9/f")));

        Assert.Equal(new EnvironmentInfo("env-admin", "http://127.0.0.1:9/c", "http://127.0.0.1:9/f"), Assert.Single(await admin.ListEnvironmentsAsync()));
    }

    [Fact]
    public async Task Removed_environment_is_no_longer_listed()
    {
        await admin.RegisterEnvironmentAsync(new EnvironmentRegistration("env-admin", "http://127.0.0.1:9/c", "http://127.0.0.1:9/f"));

        Assert.True(await admin.RemoveEnvironmentAsync("env-admin"));

        Assert.Empty(await admin.ListEnvironmentsAsync());
    }

    [Fact]
    public async Task Invalid_registration_throws_WeChatException_with_the_errcode()
    {
        var error = await Assert.ThrowsAsync<WeChatException>(() =>
            admin.RegisterEnvironmentAsync(new EnvironmentRegistration("env-admin", "ftp://example", "http://127.0.0.1:9/f")));

        Assert.Equal(ErrCode.InvalidArgs, error.ErrCode);
        Assert.NotNull(error.Rid);
    }

    [Fact]
    public async Task Wrong_admin_key_throws_HttpRequestException_401()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Admin("wrong-key").ListAppsAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    private TcbPushAdminClient Admin(string key) =>
        new(new HttpClient(), new TcbPushClientOptions { BaseAddress = new Uri(server.Url), AdminKey = key });
}
