using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TcbPush.Server.Startup;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.ThirdParty;

/// <summary>
/// A server on fake time, seeded with two components and four apps: <see cref="AppA"/> authorizes
/// <see cref="ComponentA"/> with sets 18 and 49, <see cref="AppB"/> with 18 only, <see cref="AppC"/> with 64;
/// <see cref="AppOwn"/> authorizes no one. Secrets, tickets and refresh tokens follow the helpers below.
/// </summary>
public sealed class ThirdPartyServer : IAsyncDisposable
{
    public const string ComponentA = "wxcomponenta";
    public const string ComponentB = "wxcomponentb";
    public const string AppA = "wxappa";
    public const string AppB = "wxappb";
    public const string AppC = "wxappc";
    public const string AppOwn = "wxappown";

    private ThirdPartyServer(TestServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
    }

    public TestServer Server { get; }

    public FakeTimeProvider Time { get; }

    public static string Secret(string component) => "secret-" + component;

    public static string Ticket(string component) => "ticket@@@" + component;

    public static string RefreshToken(string app) => "refreshtoken@@@" + app;

    public static JsonObject Seed()
    {
        var seed = TestServer.Seed("http://127.0.0.1:9", AppA, AppB, AppC, AppOwn);
        seed["components"] = new JsonArray(Component(ComponentA), Component(ComponentB));
        seed["authorizations"] = new JsonArray(
            Authorization(ComponentA, AppA, 18, 49),
            Authorization(ComponentA, AppB, 18),
            Authorization(ComponentA, AppC, 64));
        return seed;
    }

    public static JsonObject Component(string component) => new()
    {
        ["component_appid"] = component,
        ["component_appsecret"] = Secret(component),
        ["component_verify_ticket"] = Ticket(component),
    };

    public static JsonObject Authorization(string component, string app, params int[] permissionSets) => new()
    {
        ["component_appid"] = component,
        ["authorizer_appid"] = app,
        ["permission_sets"] = new JsonArray(permissionSets.Select(id => (JsonNode)id).ToArray()),
        ["authorizer_refresh_token"] = RefreshToken(app),
    };

    public static async Task<ThirdPartyServer> StartAsync(JsonObject? seed = null, FakeTimeProvider? time = null, string? dataDirectory = null,
        Action<TcbPushOptions>? configure = null)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return new ThirdPartyServer(await TestServer.StartAsync(seed ?? Seed(), time, configure, dataDirectory), time);
    }

    /// <summary>POSTs a component API with the token as <paramref name="tokenParameter"/> (none when null).</summary>
    public Task<JsonObject> CallAsync(string api, string? token, JsonNode? body, string tokenParameter = "component_access_token") =>
        Server.PostJsonAsync($"/cgi-bin/component/{api}" + (token is null ? "" : $"?{tokenParameter}={Uri.EscapeDataString(token)}"), body);

    public Task<JsonObject> ComponentTokenCallAsync(string component, string? secret = null, string? ticket = null) =>
        CallAsync("api_component_token", null, new JsonObject
        {
            ["component_appid"] = component,
            ["component_appsecret"] = secret ?? Secret(component),
            ["component_verify_ticket"] = ticket ?? Ticket(component),
        });

    public async Task<string> ComponentTokenAsync(string component) =>
        Field(await ComponentTokenCallAsync(component), "component_access_token");

    public async Task<JsonObject> AuthorizerTokenCallAsync(string component, string authorizer, string? refreshToken = null, string? componentToken = null) =>
        await CallAsync("api_authorizer_token", componentToken ?? await ComponentTokenAsync(component), new JsonObject
        {
            ["component_appid"] = component,
            ["authorizer_appid"] = authorizer,
            ["authorizer_refresh_token"] = refreshToken ?? RefreshToken(authorizer),
        });

    public async Task<string> AuthorizerTokenAsync(string component, string authorizer, string? refreshToken = null) =>
        Field(await AuthorizerTokenCallAsync(component, authorizer, refreshToken), "authorizer_access_token");

    /// <summary>Sets a function-push configuration whose one callback calls <paramref name="functionName"/>.</summary>
    public Task<JsonObject> SetConfigAsync(string token, string functionName = "onText") =>
        Server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={Uri.EscapeDataString(token)}", new JsonObject
        {
            ["function_config"] = new JsonObject
            {
                ["enable"] = true,
                ["callbacks"] = new JsonArray(new JsonObject { ["msgType"] = "text", ["env"] = "env-ok", ["functionName"] = functionName }),
            },
        });

    public Task<JsonObject> GetConfigAsync(string token) =>
        Server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={Uri.EscapeDataString(token)}", null);

    /// <summary>The function name of the app's one callback, or null when it has none.</summary>
    public async Task<string?> ConfiguredFunctionAsync(string token)
    {
        var config = await GetConfigAsync(token);
        AssertOk(config);
        var callbacks = config["data"]!["function_config"]!["callbacks"]!.AsArray();
        return callbacks.Count == 0 ? null : callbacks[0]!["functionName"]!.GetValue<string>();
    }

    public Task<JsonObject> AdminAsync(HttpMethod method, string path, JsonNode? body = null) => Server.AdminAsync(method, path, body);

    /// <summary>Creates an authorization code through the admin API.</summary>
    public async Task<string> AuthorizationCodeAsync(string component, string app, params int[] permissionSets)
    {
        var created = await AdminAsync(HttpMethod.Post, "/admin/authorization_codes", new JsonObject
        {
            ["component_appid"] = component,
            ["authorizer_appid"] = app,
            ["permission_sets"] = new JsonArray(permissionSets.Select(id => (JsonNode)id).ToArray()),
        });
        return Field(created, "authorization_code");
    }

    public async Task<JsonObject> QueryAuthAsync(string component, string code) =>
        await CallAsync("api_query_auth", await ComponentTokenAsync(component), new JsonObject
        {
            ["component_appid"] = component,
            ["authorization_code"] = code,
        });

    /// <summary>A WeChat error: the code, and an errmsg that ends with a rid.</summary>
    public static void AssertError(int errcode, JsonObject body)
    {
        Assert.Equal(errcode, body["errcode"]?.GetValue<int>());
        Assert.Matches(" rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$", body["errmsg"]!.GetValue<string>());
    }

    public static void AssertOk(JsonObject body) => Assert.True((body["errcode"]?.GetValue<int>() ?? 0) == 0, body.ToJsonString());

    public static string Field(JsonObject body, string name) =>
        body[name]?.GetValue<string>() ?? throw new InvalidOperationException($"no {name}: {body.ToJsonString()}");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
