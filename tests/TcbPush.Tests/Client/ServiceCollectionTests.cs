using Microsoft.Extensions.DependencyInjection;
using TcbPush.Client;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary><c>services.AddTcbPushClient(...)</c>: typed clients from IHttpClientFactory.</summary>
public sealed class ServiceCollectionTests : IAsyncLifetime, IDisposable
{
    private const string App = "wxdi000000000001";
    private readonly CountingHandler handler = new();
    private TestServer server = null!;
    private ServiceProvider provider = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App));
        var services = new ServiceCollection();
        services.AddTcbPushClient(options =>
        {
            options.BaseAddress = new Uri(server.Url);
            options.AppId = App;
            options.AppSecret = "secret-" + App;
            options.AdminKey = TestServer.AdminKey;
        });
        services.AddHttpClient(nameof(WeChatClient)).ConfigurePrimaryHttpMessageHandler(() => handler);
        provider = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await server.DisposeAsync();
    }

    public void Dispose() => handler.Dispose();

    [Fact]
    public async Task Typed_clients_share_one_token_cache()
    {
        await provider.GetRequiredService<WeChatClient>().GetCallbackConfigAsync();
        await provider.GetRequiredService<WeChatClient>().GetCallbackConfigAsync();

        Assert.Equal(1, handler.Count("/cgi-bin/token"));
        Assert.Equal(2, handler.Count("/tcb/getcallbackconfig"));
    }

    [Fact]
    public async Task Admin_client_bears_the_configured_admin_key()
    {
        var apps = await provider.GetRequiredService<TcbPushAdminClient>().ListAppsAsync();

        Assert.Equal(App, Assert.Single(apps).AppId);
    }

    [Fact]
    public void Default_server_is_WeChat()
    {
        using var defaults = new ServiceCollection().AddTcbPushClient(_ => { }).BuildServiceProvider();

        Assert.Equal(new Uri("https://api.weixin.qq.com/"), defaults.GetRequiredService<WeChatClient>().BaseAddress);
    }
}
