using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Client;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary><c>AddTcbPushClient</c> from configuration (a section and the CLI's <c>TCBPUSH_*</c> variables), and named clients as keyed services.</summary>
public sealed class ClientConfigurationTests : IAsyncLifetime
{
    private const string App = "wxconfig00000001";
    private const string OtherApp = "wxconfig00000002";
    private TestServer server = null!;
    private TestServer other = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App));
        other = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", OtherApp));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task Section_gives_server_app_secret_and_admin_key()
    {
        var configuration = Configuration(new()
        {
            ["TcbPush:Server"] = server.Url, ["TcbPush:AppId"] = App, ["TcbPush:Secret"] = "secret-" + App, ["TcbPush:AdminKey"] = TestServer.AdminKey,
        });
        await using var provider = new ServiceCollection().AddTcbPushClient(configuration.GetSection("TcbPush")).BuildServiceProvider();

        await provider.GetRequiredService<WeChatClient>().GetCallbackConfigAsync();
        var apps = await provider.GetRequiredService<TcbPushAdminClient>().ListAppsAsync();

        Assert.Equal(App, Assert.Single(apps).AppId);
    }

    [Fact]
    public void Section_gives_the_retry_and_token_settings()
    {
        var options = Bind(new() { ["UseStableToken"] = "true", ["MaxRetries"] = "0", ["RetryDelay"] = "00:00:02", ["TokenRefreshMargin"] = "00:01:00" });

        Assert.Equal((true, 0, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)),
            (options.UseStableToken, options.MaxRetries, options.RetryDelay, options.TokenRefreshMargin));
    }

    [Fact]
    public void Variables_fill_the_keys_the_section_leaves_unset()
    {
        var environment = new Dictionary<string, string>
        {
            ["TCBPUSH_SERVER"] = "http://from-variable:8080", ["TCBPUSH_APPID"] = "wxfromvariable01",
            ["TCBPUSH_SECRET"] = "variable-secret", ["TCBPUSH_ADMIN_KEY"] = "variable-admin-key",
        };

        var options = Bind(new() { ["AppId"] = "wxfromsection001" }, environment);

        Assert.Equal((new Uri("http://from-variable:8080"), "wxfromsection001", "variable-secret", "variable-admin-key"),
            (options.BaseAddress, options.AppId, options.AppSecret, options.AdminKey));
    }

    [Fact]
    public void Unreadable_server_is_refused_naming_its_key()
    {
        var configuration = Configuration(new() { ["TcbPush:Server"] = "not a url" });
        using var provider = new ServiceCollection().AddTcbPushClient(configuration.GetSection("TcbPush")).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<WeChatClient>());

        Assert.Contains("TcbPush:Server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_clients_are_keyed_services_with_their_own_server_and_credentials()
    {
        var configuration = Configuration(new()
        {
            ["TcbPush:Prod:Server"] = server.Url, ["TcbPush:Prod:AdminKey"] = TestServer.AdminKey,
            ["TcbPush:Test:Server"] = other.Url, ["TcbPush:Test:AdminKey"] = TestServer.AdminKey,
        });
        await using var provider = new ServiceCollection()
            .AddTcbPushClient("prod", configuration.GetSection("TcbPush:Prod"))
            .AddTcbPushClient("test", configuration.GetSection("TcbPush:Test"))
            .BuildServiceProvider();

        var prod = await provider.GetRequiredKeyedService<TcbPushAdminClient>("prod").ListAppsAsync();
        var test = await provider.GetRequiredKeyedService<TcbPushAdminClient>("test").ListAppsAsync();

        Assert.Equal((App, OtherApp), (Assert.Single(prod).AppId, Assert.Single(test).AppId));
    }

    [Fact]
    public async Task Named_clients_keep_separate_token_caches()
    {
        using var handler = new CountingHandler();
        var services = new ServiceCollection()
            .AddTcbPushClient("a", o => (o.BaseAddress, o.AppId, o.AppSecret) = (new Uri(server.Url), App, "secret-" + App))
            .AddTcbPushClient("b", o => (o.BaseAddress, o.AppId, o.AppSecret) = (new Uri(other.Url), OtherApp, "secret-" + OtherApp));
        services.AddHttpClient(ServiceCollectionExtensions.HttpClientName<WeChatClient>("a")).ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddHttpClient(ServiceCollectionExtensions.HttpClientName<WeChatClient>("b")).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<WeChatClient>("a").GetCallbackConfigAsync();
        await provider.GetRequiredKeyedService<WeChatClient>("b").GetCallbackConfigAsync();
        await provider.GetRequiredKeyedService<WeChatClient>("a").GetCallbackConfigAsync();

        Assert.Equal((2, 3), (handler.Count("/cgi-bin/token"), handler.Count("/tcb/getcallbackconfig")));
    }

    [Fact]
    public void Named_client_without_a_server_talks_to_WeChat()
    {
        using var provider = new ServiceCollection().AddTcbPushClient("wechat", Configuration([]).GetSection("TcbPush")).BuildServiceProvider();

        Assert.Equal(new Uri("https://api.weixin.qq.com/"), provider.GetRequiredKeyedService<WeChatClient>("wechat").BaseAddress);
    }

    private static TcbPushClientOptions Bind(Dictionary<string, string?> section, Dictionary<string, string>? environment = null)
    {
        var options = new TcbPushClientOptions();
        TcbPushClientConfiguration.Bind(options, Configuration(section), environment is null ? null : name => environment.GetValueOrDefault(name));
        return options;
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
