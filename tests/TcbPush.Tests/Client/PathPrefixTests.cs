using TcbPush.Client;
using TcbPush.Protocol;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary>A server behind a path prefix (<c>http://host/wechat-proxy/</c>): every call keeps the prefix.</summary>
public sealed class PathPrefixTests : IAsyncLifetime
{
    private const string App = "wxprefix00000001";
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("http://proxy.test/wechat-proxy/")]
    [InlineData("http://proxy.test/wechat-proxy")]
    public async Task Every_call_keeps_the_base_address_path(string baseAddress)
    {
        using var proxy = new PathPrefixHandler(new Uri(server.Url), "/wechat-proxy/");
        var options = new TcbPushClientOptions { BaseAddress = new Uri(baseAddress), AppId = App, AppSecret = "secret-" + App, AdminKey = TestServer.AdminKey };
        var wechat = new WeChatClient(new HttpClient(proxy, disposeHandler: false), options);
        var admin = new TcbPushAdminClient(new HttpClient(proxy, disposeHandler: false), options);

        await wechat.SetCallbackConfigAsync(new SetCallbackConfigRequest(FunctionConfig: FunctionConfig.Default));
        await wechat.GetCallbackConfigAsync();
        await wechat.GetStableAccessTokenAsync();
        await admin.ListAppsAsync();
        await admin.ListDeliveriesAsync(new DeliveryQuery(AppId: App));
        await admin.GetStatusAsync();
        await admin.GetConversationsAsync(App);

        Assert.Equal(new Uri("http://proxy.test/wechat-proxy/"), admin.BaseAddress);
        Assert.All(proxy.Received, path => Assert.StartsWith("/wechat-proxy/", path, StringComparison.Ordinal));
        Assert.Equal(
            ["/wechat-proxy/cgi-bin/token", "/wechat-proxy/tcb/setcallbackconfig", "/wechat-proxy/tcb/getcallbackconfig", "/wechat-proxy/cgi-bin/stable_token",
             "/wechat-proxy/admin/apps", "/wechat-proxy/admin/deliveries", "/wechat-proxy/admin/status", $"/wechat-proxy/admin/apps/{App}/conversations"],
            proxy.Received);
    }
}
