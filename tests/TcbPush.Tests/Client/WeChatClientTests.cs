using System.Text;
using System.Text.Json;
using TcbPush.Client;
using TcbPush.Protocol;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary>The SDK's WeChat calls against a real in-process TcbPush server.</summary>
public sealed class WeChatClientTests : IAsyncLifetime, IDisposable
{
    private const string App = "wxclient00000001";
    private TestServer server = null!;
    private readonly CountingHandler handler = new();
    private WeChatClient client = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App));
        client = Client(App, "secret-" + App);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => handler.Dispose();

    [Fact]
    public async Task Token_call_returns_a_token_and_its_lifetime()
    {
        var token = await client.GetAccessTokenAsync();

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(7200, token.ExpiresIn);
    }

    [Fact]
    public async Task Stable_token_is_the_same_until_forced()
    {
        var first = await client.GetStableAccessTokenAsync();
        var again = await client.GetStableAccessTokenAsync();
        var forced = await client.GetStableAccessTokenAsync(forceRefresh: true);

        Assert.Equal(first.AccessToken, again.AccessToken);
        Assert.NotEqual(first.AccessToken, forced.AccessToken);
    }

    [Fact]
    public async Task Wrong_secret_throws_40125_with_the_rid()
    {
        var error = await Assert.ThrowsAsync<WeChatException>(() => Client(App, "wrong").GetAccessTokenAsync());

        Assert.Equal(ErrCode.InvalidAppSecret, error.ErrCode);
        Assert.NotNull(error.Rid);
        Assert.True(RequestId.IsValid(error.Rid));
        Assert.EndsWith("rid: " + error.Rid, error.ErrMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_app_throws_40013()
    {
        var error = await Assert.ThrowsAsync<WeChatException>(() => Client("wxnosuchapp", "secret").GetAccessTokenAsync());

        Assert.Equal(ErrCode.InvalidAppId, error.ErrCode);
    }

    [Fact]
    public async Task Set_then_get_round_trips_the_configuration()
    {
        var function = new FunctionConfig(true, [new Callback("text", "", "env-ok", "onText", true), new Callback("event", "user_enter_tempsession", "env-ok", "onEnter", false)]);

        await client.SetCallbackConfigAsync(new SetCallbackConfigRequest(FunctionConfig: function));
        var stored = await client.GetCallbackConfigAsync();

        Assert.Equal(function, stored.FunctionConfig);
        Assert.Equal(ContainerConfig.Default, stored.ContainerConfig);
    }

    [Fact]
    public async Task Never_configured_app_gets_the_default_configuration()
    {
        Assert.Equal(CallbackConfiguration.Default, await client.GetCallbackConfigAsync());
    }

    [Fact]
    public async Task Invalid_configuration_throws_40097_with_detail_and_rid()
    {
        var request = new SetCallbackConfigRequest(new FunctionConfig(true, [new Callback("text", "", "no-such-env", "onText", true)]));

        var error = await Assert.ThrowsAsync<WeChatException>(() => client.SetCallbackConfigAsync(request));

        Assert.Equal(ErrCode.InvalidArgs, error.ErrCode);
        Assert.Contains("env not exists", error.ErrMsg, StringComparison.Ordinal);
        Assert.True(RequestId.IsValid(error.Rid!));
    }

    [Fact]
    public async Task Raw_json_body_is_sent_as_given()
    {
        const string body = """{"function_config":{"enable":true,"callbacks":[{"msgType":"image","env":"env-ok","functionName":"onImage",}]},}""";

        await client.SetCallbackConfigJsonAsync(Encoding.UTF8.GetBytes(body));

        var stored = await client.GetCallbackConfigAsync();
        Assert.Equal(new Callback("image", "", "env-ok", "onImage", true), Assert.Single(stored.FunctionConfig.Callbacks));
    }

    [Fact]
    public async Task Get_as_json_returns_the_data_object_as_the_server_sent_it()
    {
        var data = await client.GetCallbackConfigJsonAsync();

        var token = await server.TokenAsync(App);
        var direct = await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", "{}");
        Assert.Equal(direct["data"]!.ToJsonString(), JsonSerializer.Serialize(data));
    }

    [Fact]
    public async Task Authenticated_calls_reuse_one_token()
    {
        await client.GetCallbackConfigAsync();
        await client.GetCallbackConfigAsync();
        await client.SetCallbackConfigAsync(new SetCallbackConfigRequest(FunctionConfig: FunctionConfig.Default));

        Assert.Equal(1, handler.Count("/cgi-bin/token"));
    }

    private WeChatClient Client(string appId, string secret) =>
        new(new HttpClient(handler, disposeHandler: false), new TcbPushClientOptions { BaseAddress = new Uri(server.Url), AppId = appId, AppSecret = secret });
}
