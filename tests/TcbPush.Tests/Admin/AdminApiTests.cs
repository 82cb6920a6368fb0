using System.Net;
using System.Text.Json.Nodes;
using TcbPush.Protocol;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Admin;

/// <summary>SPEC §7: the admin API, the admin key and the seed file.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic dGVzdC1hZG1pbi1rZXk=")]
    public async Task Admin_refuses_requests_without_the_key_with_401(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/apps");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task App_token_does_not_open_the_admin_api()
    {
        await Register("/admin/apps", new JsonObject { ["appid"] = "wxadmin0000000001", ["secret"] = "s" });
        var token = await server.TokenAsync("wxadmin0000000001", "s");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/apps?access_token={token}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Registered_app_can_get_a_token()
    {
        await Register("/admin/apps", new JsonObject { ["appid"] = "wxadmin0000000002", ["secret"] = "the-secret" });

        Assert.NotEmpty(await server.TokenAsync("wxadmin0000000002", "the-secret"));
    }

    [Fact]
    public async Task Registering_the_same_app_twice_changes_nothing_the_second_time()
    {
        var app = new JsonObject { ["appid"] = "wxadmin0000000003", ["secret"] = "s", ["token"] = "msgtoken" };

        Assert.True((await Register("/admin/apps", app))["changed"]!.GetValue<bool>());
        Assert.False((await Register("/admin/apps", app.DeepClone()))["changed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Changed_secret_replaces_the_old_one()
    {
        await Register("/admin/apps", new JsonObject { ["appid"] = "wxadmin0000000004", ["secret"] = "old" });
        await Register("/admin/apps", new JsonObject { ["appid"] = "wxadmin0000000004", ["secret"] = "new" });

        var refused = await server.GetJsonAsync("/cgi-bin/token?grant_type=client_credential&appid=wxadmin0000000004&secret=old");
        Assert.Equal(ErrCode.InvalidAppSecret, refused["errcode"]!.GetValue<int>());
        Assert.NotEmpty(await server.TokenAsync("wxadmin0000000004", "new"));
    }

    [Fact]
    public async Task App_list_never_shows_secrets()
    {
        await Register("/admin/apps", new JsonObject { ["appid"] = "wxadmin0000000005", ["secret"] = "hidden-secret", ["token"] = "hiddentoken" });

        var list = (await server.AdminAsync(HttpMethod.Get, "/admin/apps")).ToJsonString();

        Assert.Contains("wxadmin0000000005", list, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"secret":"s"}""", ErrCode.MissingParameter)]
    [InlineData("""{"appid":"wx1"}""", ErrCode.MissingParameter)]
    [InlineData("""{"appid":"has space","secret":"s"}""", ErrCode.InvalidArgs)]
    [InlineData("""{"appid":"wx1","secret":"s","token":"x"}""", ErrCode.InvalidArgs)]
    [InlineData("""{"appid":"wx1","secret":"s","encoding_aes_key":"short"}""", ErrCode.InvalidArgs)]
    [InlineData("""{"appid":1,"secret":"s"}""", ErrCode.InvalidArgs)]
    [InlineData("not json", ErrCode.DataFormatError)]
    public async Task Invalid_app_is_refused(string body, int errcode)
    {
        var answer = await server.AdminAsync(HttpMethod.Post, "/admin/apps", body);

        Assert.Equal(errcode, answer["errcode"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"env":"bad_env","container_base_url":"http://a","function_base_url":"http://a"}""")]
    [InlineData("""{"env":"e","container_base_url":"ftp://a","function_base_url":"http://a"}""")]
    [InlineData("""{"env":"e","container_base_url":"http://a?x=1","function_base_url":"http://a"}""")]
    [InlineData("""{"env":"e","container_base_url":"http://user:pw@a","function_base_url":"http://a"}""")]
    [InlineData("""{"env":"e","container_base_url":"/relative","function_base_url":"http://a"}""")]
    public async Task Invalid_environment_is_40097(string body)
    {
        var answer = await server.AdminAsync(HttpMethod.Post, "/admin/envs", body);

        Assert.Equal(ErrCode.InvalidArgs, answer["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Environment_can_be_registered_listed_and_removed()
    {
        await Register("/admin/envs", new JsonObject { ["env"] = "env-x", ["container_base_url"] = "http://127.0.0.1:1/", ["function_base_url"] = "http://127.0.0.1:1/fn" });

        var listed = (await server.AdminAsync(HttpMethod.Get, "/admin/envs"))["envs"]!.AsArray().Single()!;
        Assert.Equal("http://127.0.0.1:1", listed["container_base_url"]!.GetValue<string>());
        Assert.True((await server.AdminAsync(HttpMethod.Delete, "/admin/envs/env-x"))["changed"]!.GetValue<bool>());
        Assert.Empty((await server.AdminAsync(HttpMethod.Get, "/admin/envs"))["envs"]!.AsArray());
    }

    [Fact]
    public async Task Removed_app_gets_no_tokens_and_its_tokens_stop_working()
    {
        await Register("/admin/apps", new JsonObject { ["appid"] = "wxadmin0000000006", ["secret"] = "s" });
        var token = await server.TokenAsync("wxadmin0000000006", "s");
        await server.AdminAsync(HttpMethod.Delete, "/admin/apps/wxadmin0000000006");

        var refused = await server.GetJsonAsync("/cgi-bin/token?grant_type=client_credential&appid=wxadmin0000000006&secret=s");
        Assert.Equal(ErrCode.InvalidAppId, refused["errcode"]!.GetValue<int>());
        var answer = await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", null);
        Assert.Equal(ErrCode.InvalidAccessToken, answer["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Applying_a_seed_twice_changes_nothing()
    {
        var seed = TestServer.Seed("http://127.0.0.1:9", "wxseed000000000001");
        await using var seeded = await TestServer.StartAsync(seed);
        var token = await seeded.TokenAsync("wxseed000000000001");
        await using var again = await seeded.RestartAsync();

        Assert.Equal(0, (await again.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", null))["errcode"]!.GetValue<int>());
        Assert.Single((await again.AdminAsync(HttpMethod.Get, "/admin/apps"))["apps"]!.AsArray());
        Assert.Equal(2, (await again.AdminAsync(HttpMethod.Get, "/admin/envs"))["envs"]!.AsArray().Count);
    }

    [Fact]
    public async Task Invalid_seed_stops_the_start_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            TestServer.StartAsync(new JsonObject { ["apps"] = new JsonArray(new JsonObject { ["appid"] = "bad id", ["secret"] = "s" }) }));

        Assert.Contains("apps[0]", error.Message, StringComparison.Ordinal);
    }

    private async Task<JsonObject> Register(string path, JsonNode body)
    {
        var answer = await server.AdminAsync(HttpMethod.Post, path, body);
        Assert.Equal(0, answer["errcode"]!.GetValue<int>());
        return answer;
    }
}
