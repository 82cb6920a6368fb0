using Microsoft.Extensions.Time.Testing;
using TcbPush.Client;
using TcbPush.Protocol;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Client;

/// <summary>The SDK's token cache: renewal before expiry, single flight, one refresh on a rejected token.</summary>
public sealed class AccessTokenCacheTests : IAsyncLifetime, IDisposable
{
    private const string App = "wxcache000000001";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));
    private readonly CountingHandler handler = new();
    private TestServer server = null!;
    private WeChatClient client = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App), time);
        client = Client(new TcbPushClientOptions());
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => handler.Dispose();

    [Fact]
    public async Task Fifty_concurrent_calls_with_an_expired_token_make_one_token_request()
    {
        await client.GetCallbackConfigAsync();
        time.Advance(TimeSpan.FromSeconds(7200));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetCallbackConfigAsync()));

        Assert.Equal(2, handler.Count("/cgi-bin/token"));
        Assert.Equal(51, handler.Count("/tcb/getcallbackconfig"));
    }

    [Fact]
    public async Task Fifty_concurrent_calls_rejected_with_40001_make_one_token_request()
    {
        await client.GetCallbackConfigAsync();
        await server.TokenAsync(App);
        time.Advance(TimeSpan.FromMinutes(5));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetCallbackConfigAsync()));

        Assert.Equal(2, handler.Count("/cgi-bin/token"));
    }

    [Fact]
    public async Task Cached_token_is_reused_until_five_minutes_before_expiry()
    {
        await client.GetCallbackConfigAsync();
        time.Advance(TimeSpan.FromSeconds(7200 - 301));

        await client.GetCallbackConfigAsync();

        Assert.Equal(1, handler.Count("/cgi-bin/token"));
    }

    [Fact]
    public async Task Token_is_renewed_five_minutes_before_expiry()
    {
        await client.GetCallbackConfigAsync();
        time.Advance(TimeSpan.FromSeconds(7200 - 300));

        await client.GetCallbackConfigAsync();

        Assert.Equal(2, handler.Count("/cgi-bin/token"));
    }

    [Fact]
    public async Task Stable_token_mode_takes_tokens_from_the_stable_endpoint()
    {
        var stable = Client(new TcbPushClientOptions { UseStableToken = true });

        await stable.GetCallbackConfigAsync();

        Assert.Equal(1, handler.Count("/cgi-bin/stable_token"));
        Assert.Equal(0, handler.Count("/cgi-bin/token"));
    }

    [Fact]
    public async Task Clients_sharing_a_cache_share_the_token()
    {
        var cache = new AccessTokenCache(time);
        var first = new WeChatClient(new HttpClient(handler, false), Options(new TcbPushClientOptions()), cache, time);
        var second = new WeChatClient(new HttpClient(handler, false), Options(new TcbPushClientOptions()), cache, time);

        await first.GetCallbackConfigAsync();
        await second.GetCallbackConfigAsync();

        Assert.Equal(1, handler.Count("/cgi-bin/token"));
    }

    [Fact]
    public async Task Token_rejected_again_after_one_refresh_gives_up()
    {
        var stub = new StubHandler()
            .Answer("/cgi-bin/token", """{"access_token":"t1","expires_in":7200}""", """{"access_token":"t2","expires_in":7200}""")
            .Answer("/tcb/getcallbackconfig", """{"errcode":40014,"errmsg":"invalid access_token rid: 6747b2c0-00000001-00000002"}""");
        var rejected = new WeChatClient(new HttpClient(stub), new TcbPushClientOptions { AppId = App, AppSecret = "s" });

        var error = await Assert.ThrowsAsync<WeChatException>(() => rejected.GetCallbackConfigAsync());

        Assert.Equal(ErrCode.InvalidAccessToken, error.ErrCode);
        Assert.Equal(2, stub.Count("/cgi-bin/token"));
        Assert.Equal(2, stub.Count("/tcb/getcallbackconfig"));
    }

    [Fact]
    public async Task Failed_token_request_fails_every_waiting_caller_and_is_not_cached()
    {
        var wrong = Client(new TcbPushClientOptions { AppSecret = "wrong" });

        var errors = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Assert.ThrowsAsync<WeChatException>(() => wrong.GetCallbackConfigAsync())));
        await Assert.ThrowsAsync<WeChatException>(() => wrong.GetCallbackConfigAsync());

        Assert.All(errors, e => Assert.Equal(ErrCode.InvalidAppSecret, e.ErrCode));
        Assert.Equal(2, handler.Count("/cgi-bin/token"));
    }

    private WeChatClient Client(TcbPushClientOptions options) =>
        new(new HttpClient(handler, disposeHandler: false), Options(options), timeProvider: time);

    private TcbPushClientOptions Options(TcbPushClientOptions options)
    {
        options.BaseAddress = new Uri(server.Url);
        options.AppId = App;
        options.AppSecret ??= "secret-" + App;
        return options;
    }
}
