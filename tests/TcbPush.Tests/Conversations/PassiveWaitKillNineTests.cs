using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;

namespace TcbPush.Tests.Conversations;

/// <summary>
/// SPEC §10.2: the message is stored before ingress waits for the passive reply, so <c>kill -9</c> during the wait
/// loses nothing: after a restart the message, its delivery and its conversation entry are there.
/// </summary>
public sealed class PassiveWaitKillNineTests : IAsyncLifetime
{
    private const string App = "wxoa0000000kill01";
    private readonly string data = Directory.CreateTempSubdirectory("tcbpush-kill9-wait-").FullName;
    private Sink sink = null!;

    public async Task InitializeAsync() => sink = await Sink.StartAsync();

    public async Task DisposeAsync()
    {
        await sink.DisposeAsync();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task Kill_9_during_the_wait_loses_nothing()
    {
        var seed = TestServer.Seed(sink.Url);
        seed["apps"]!.AsArray().Add(new JsonObject { ["appid"] = App, ["secret"] = "secret-" + App, ["kind"] = "officialaccount" });
        seed["envs"]!.AsArray().Add(new JsonObject
        {
            ["env"] = "env-slow", ["container_base_url"] = sink.Url + "/slow/30000", ["function_base_url"] = sink.Url + "/slow/30000",
        });
        var seedPath = Path.Combine(data, "seed.json");
        await File.WriteAllTextAsync(seedPath, seed.ToJsonString());
        var server = await ServerProcess.StartAsync(data, "--seed", seedPath, "--no-path-check", "--passive-reply-window", "30");
        using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        var token = (string)(await Json(await http.GetAsync($"/cgi-bin/token?grant_type=client_credential&appid={App}&secret=secret-{App}")))["access_token"]!;
        await http.PostAsync($"/tcb/setcallbackconfig?access_token={token}",
            new StringContent("""{"container_config":{"enable":true,"qbase_env":"env-slow","qbase_container_path":"/oa","text_mode":1}}"""));

        var waiting = http.PostAsync($"/push/{App}", new StringContent(PushHarness.TextJson("4242", "are you there?")));
        await sink.WaitForAsync("/slow/30000/oa");
        Assert.False(waiting.IsCompleted, "ingress should still be waiting for the passive reply");
        await server.KillHardAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => waiting);
        await server.DisposeAsync();

        await using var restarted = await ServerProcess.StartAsync(data, "--seed", seedPath, "--no-path-check");
        using var admin = new HttpClient { BaseAddress = new Uri(restarted.Url) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.AdminKey);
        var entries = (await Json(await admin.GetAsync($"/admin/apps/{App}/conversations/oUser0001")))["entries"]!.AsArray();
        Assert.Equal(("in", "are you there?"), ((string?)entries[0]!["direction"], (string?)entries[0]!["text"]));
        var deliveries = (await Json(await admin.GetAsync($"/admin/deliveries?appid={App}")))["deliveries"]!.AsArray();
        Assert.Equal("4242", (string?)Assert.Single(deliveries)!["msg_id"]);
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }
    }
}
