using System.Text.Json.Nodes;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Push;

/// <summary>
/// Apps, environments and configurations are cached in memory for ingress and the config API; a write on this node is
/// in force for the very next request. Runs on SQLite here and on PostgreSQL in <see cref="Postgres.PostgresRoutingCacheTests"/>.
/// </summary>
public class RoutingCacheTests
{
    /// <summary>The PostgreSQL connection string to run on, or null for SQLite.</summary>
    protected virtual Task<string?> PostgresAsync() => Task.FromResult<string?>(null);

    [Fact]
    public async Task A_configuration_set_is_in_force_for_the_very_next_message()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/first");
        await push.PushAsync(OpenApp, TextXml("5001"));

        await push.SetContainerAsync(OpenApp, "env-ok", "/second");
        await push.PushAsync(OpenApp, TextXml("5002"));

        Assert.Equal(push.Sink.Url + "/ok/first", await TargetOfAsync(push, OpenApp, "5001"));
        Assert.Equal(push.Sink.Url + "/ok/second", await TargetOfAsync(push, OpenApp, "5002"));
    }

    [Fact]
    public async Task A_configuration_set_is_what_the_very_next_getcallbackconfig_answers()
    {
        await using var push = await StartAsync();
        var token = await push.Server.TokenAsync(OpenApp);
        var before = await push.Server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", "{}");

        await push.SetContainerAsync(OpenApp, "env-ok", "/now");
        var after = await push.Server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", "{}");

        Assert.False(before["data"]!["container_config"]!["enable"]!.GetValue<bool>());
        Assert.Equal("/now", after["data"]!["container_config"]!["qbase_container_path"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_changed_environment_is_in_force_for_the_very_next_message()
    {
        await using var push = await StartAsync();
        await push.AddEnvAsync("env-moving", "/before");
        await push.SetContainerAsync(OpenApp, "env-moving", "/c");
        await push.PushAsync(OpenApp, TextXml("5101"));

        await push.AddEnvAsync("env-moving", "/after");
        await push.PushAsync(OpenApp, TextXml("5102"));

        Assert.Equal(push.Sink.Url + "/before/c", await TargetOfAsync(push, OpenApp, "5101"));
        Assert.Equal(push.Sink.Url + "/after/c", await TargetOfAsync(push, OpenApp, "5102"));
    }

    [Fact]
    public async Task A_removed_environment_leaves_the_very_next_message_unrouted()
    {
        await using var push = await StartAsync();
        await push.AddEnvAsync("env-going", "/going");
        await push.SetContainerAsync(OpenApp, "env-going", "/c");
        await push.PushAsync(OpenApp, TextXml("5201"));

        AssertOk(await push.Server.AdminAsync(HttpMethod.Delete, "/admin/envs/env-going"));
        await push.PushAsync(OpenApp, TextXml("5202"));

        Assert.NotEqual("unrouted", (await DeliveryOfAsync(push, OpenApp, "5201"))["status"]!.GetValue<string>());
        Assert.Equal("unrouted", (await DeliveryOfAsync(push, OpenApp, "5202"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_removed_app_answers_404_at_once_and_is_accepted_again_once_registered_again()
    {
        await using var push = await StartAsync();
        Assert.Equal(200, (await push.PushAsync(OpenApp, TextXml("5301"))).Status);

        AssertOk(await push.Server.AdminAsync(HttpMethod.Delete, $"/admin/apps/{OpenApp}"));
        var whileRemoved = await push.PushAsync(OpenApp, TextXml("5302"));
        AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/apps", new JsonObject { ["appid"] = OpenApp, ["secret"] = "secret-" + OpenApp }));
        var registered = await push.PushAsync(OpenApp, TextXml("5303"));

        Assert.Equal(404, whileRemoved.Status);
        Assert.Equal((200, "success"), registered);
    }

    [Fact]
    public async Task A_new_message_token_is_the_one_checked_on_the_very_next_push()
    {
        await using var push = await StartAsync();
        Assert.Equal(200, (await push.PushAsync(SignedApp, TextXml("5401"), SignedQuery())).Status);

        AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/apps", new JsonObject
        {
            ["appid"] = SignedApp, ["secret"] = "secret-" + SignedApp, ["token"] = "RotatedToken9",
        }));
        var oldToken = await push.PushAsync(SignedApp, TextXml("5402"), SignedQuery());
        var newToken = await push.PushAsync(SignedApp, TextXml("5403"), SignedQuery("RotatedToken9"));

        Assert.Equal(401, oldToken.Status);
        Assert.Equal((200, "success"), newToken);
    }

    [Fact]
    public async Task A_rotated_secret_is_the_one_checked_by_the_very_next_token_request()
    {
        await using var push = await StartAsync();
        await push.Server.TokenAsync(OpenApp);

        AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/apps", new JsonObject { ["appid"] = OpenApp, ["secret"] = "rotated-secret" }));
        var withOld = await push.Server.GetJsonAsync($"/cgi-bin/token?grant_type=client_credential&appid={OpenApp}&secret=secret-{OpenApp}");
        var withNew = await push.Server.GetJsonAsync($"/cgi-bin/token?grant_type=client_credential&appid={OpenApp}&secret=rotated-secret");

        Assert.Equal(40125, withOld["errcode"]!.GetValue<int>());
        Assert.NotNull(withNew["access_token"]);
    }

    [Fact]
    public async Task Sets_queued_for_one_app_are_each_answered_with_their_own_result_and_one_of_them_is_stored_whole()
    {
        await using var push = await StartAsync();
        var token = await push.Server.TokenAsync(OpenApp);
        const int sets = 24;

        // Even i: both pushes enabled, refused (exclusive); odd i: both disabled, stored.
        var answers = await Task.WhenAll(Enumerable.Range(0, sets).Select(i => Task.Run(() =>
            push.Server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}", new JsonObject
            {
                ["container_config"] = new JsonObject { ["enable"] = i % 2 == 0, ["qbase_env"] = "env-ok", ["qbase_container_path"] = $"/p{i}" },
                ["function_config"] = new JsonObject { ["enable"] = i % 2 == 0, ["callbacks"] = new JsonArray() },
            }))));
        var stored = (await push.Server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", "{}"))["data"]!;

        Assert.All(answers.Where((_, i) => i % 2 == 0), a => Assert.Equal(40097, a["errcode"]!.GetValue<int>()));
        Assert.All(answers.Where((_, i) => i % 2 == 1), a => Assert.Equal(0, a["errcode"]!.GetValue<int>()));
        Assert.False(stored["container_config"]!["enable"]!.GetValue<bool>());
        Assert.False(stored["function_config"]!["enable"]!.GetValue<bool>());
        Assert.Contains(stored["container_config"]!["qbase_container_path"]!.GetValue<string>(),
            Enumerable.Range(0, sets).Where(i => i % 2 == 1).Select(i => $"/p{i}"));
    }

    /// <summary>The target URL of the delivery of message <paramref name="msgId"/>, as the delivery log shows it.</summary>
    internal static async Task<string> TargetOfAsync(PushHarness push, string appId, string msgId) =>
        (await DeliveryOfAsync(push, appId, msgId))["target_url"]!.GetValue<string>();

    internal static async Task<JsonObject> DeliveryOfAsync(PushHarness push, string appId, string msgId) =>
        (await push.DeliveriesAsync($"?appid={appId}&limit=200")).Single(d => (string?)d!["msg_id"] == msgId)!.AsObject();

    private async Task<PushHarness> StartAsync() => await PushHarness.StartAsync(postgres: await PostgresAsync());
}
