using System.Net;
using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Console;

/// <summary>
/// A server with something to look at: app <c>wxconsole</c> whose container target always fails (one attempt, then
/// dead), a dead delivery, a component and a standing authorization.
/// </summary>
public sealed class ConsoleSite : IAsyncDisposable
{
    public const string AppId = "wxconsole";

    private ConsoleSite(Sink sink, TestServer server)
    {
        Sink = sink;
        Server = server;
    }

    public Sink Sink { get; }

    public TestServer Server { get; }

    public string Url => Server.Url;

    public static async Task<ConsoleSite> StartAsync()
    {
        var sink = await Sink.StartAsync();
        var seed = TestServer.Seed(sink.Url, AppId, "wxauthorizer");
        seed["components"] = new JsonArray(new JsonObject
        {
            ["component_appid"] = "wxcomponent", ["component_appsecret"] = "component-secret", ["component_verify_ticket"] = "ticket@@@1",
        });
        seed["authorizations"] = new JsonArray(new JsonObject
        {
            ["component_appid"] = "wxcomponent", ["authorizer_appid"] = "wxauthorizer", ["permission_sets"] = new JsonArray(49, 64), ["authorizer_refresh_token"] = "refreshtoken@@@1",
        });
        var server = await TestServer.StartAsync(seed, configure: options =>
        {
            options.PathCheck = false;
            options.Push.RetrySchedule = [];
            options.Push.RetryJitter = 0;
            // Room for a slow target (/slow/MS/…) to keep a delivery in flight while a page watches it.
            options.Push.DeliveryTimeout = TimeSpan.FromSeconds(20);
        });
        var site = new ConsoleSite(sink, server);
        await site.SetConfigAsync("""{"container_config":{"enable":true,"qbase_env":"env-fail","qbase_container_path":"/push","text_mode":1}}""");
        return site;
    }

    public async Task<JsonObject> SetConfigAsync(string body) =>
        await Server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={await Server.TokenAsync(AppId)}", body);

    public async Task<JsonObject> GetConfigAsync() =>
        await Server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={await Server.TokenAsync(AppId)}", null);

    /// <summary>Simulates a user's text message and waits (bounded) until its delivery is dead; returns its id.</summary>
    public async Task<long> DeadDeliveryAsync()
    {
        var sent = await Server.AdminAsync(HttpMethod.Post, $"/admin/apps/{AppId}/messages", new JsonObject { ["type"] = "text", ["content"] = "hello console" });
        var id = sent["delivery_id"]!.GetValue<long>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var detail = await Server.AdminAsync(HttpMethod.Get, $"/admin/deliveries/{id}");
            if (detail["delivery"]!["status"]!.GetValue<string>() == "dead")
            {
                return id;
            }
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, for what needs no browser.</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(Url) };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
