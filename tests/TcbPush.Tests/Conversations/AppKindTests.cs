using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Conversations;

/// <summary>SPEC §10.1: apps are mini programs unless registered as official accounts; re-registering keeps the kind.</summary>
public sealed class AppKindTests
{
    private const string App = "wxkind0000000001";

    [Fact]
    public async Task App_registered_without_kind_is_a_mini_program()
    {
        await using var server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App));

        Assert.Equal("miniprogram", await KindAsync(server, App));
    }

    [Fact]
    public async Task Official_account_keeps_its_kind_when_registered_again_without_kind()
    {
        await using var server = await TestServer.StartAsync();
        await RegisterAsync(server, new JsonObject { ["appid"] = App, ["secret"] = "s1", ["kind"] = "officialaccount" });

        await RegisterAsync(server, new JsonObject { ["appid"] = App, ["secret"] = "s2" });

        Assert.Equal("officialaccount", await KindAsync(server, App));
    }

    [Fact]
    public async Task Unknown_kind_answers_40097()
    {
        await using var server = await TestServer.StartAsync();

        var answer = await server.AdminAsync(HttpMethod.Post, "/admin/apps", new JsonObject { ["appid"] = App, ["secret"] = "s", ["kind"] = "game" });

        Assert.Equal(40097, (int)answer["errcode"]!);
    }

    [Fact]
    public async Task Seed_declares_the_kind()
    {
        var seed = new JsonObject
        {
            ["apps"] = new JsonArray(new JsonObject { ["appid"] = App, ["secret"] = "s", ["kind"] = "officialaccount" }),
        };
        await using var server = await TestServer.StartAsync(seed);

        Assert.Equal("officialaccount", await KindAsync(server, App));
    }

    private static async Task RegisterAsync(TestServer server, JsonObject app) =>
        Assert.Equal(0, (int)(await server.AdminAsync(HttpMethod.Post, "/admin/apps", app))["errcode"]!);

    private static async Task<string?> KindAsync(TestServer server, string appId) =>
        (string?)(await server.AdminAsync(HttpMethod.Get, "/admin/apps"))["apps"]!.AsArray()
            .Single(a => (string?)a!["appid"] == appId)!["kind"];
}
