using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Durability;

/// <summary>
/// SPEC §9: an acknowledged write survives <c>kill -9</c> of the real server process at any moment. The scenario runs
/// on SQLite here and on PostgreSQL in <see cref="PostgresKillNineTests"/>.
/// </summary>
public class KillNineTests : IDisposable
{
    private const int Apps = 8;
    private readonly string data = Directory.CreateTempSubdirectory("tcbpush-kill9-").FullName;

    /// <summary>The storage flags every start of the process gets (none: the SQLite default in the data folder).</summary>
    protected virtual Task<string[]> StorageArgumentsAsync() => Task.FromResult<string[]>([]);

    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_under_concurrency()
    {
        var storage = await StorageArgumentsAsync();
        var seedPath = Path.Combine(data, "seed.json");
        var appIds = Enumerable.Range(0, Apps).Select(i => $"wx0000000000000k{i:x2}").ToArray();
        await File.WriteAllTextAsync(seedPath, TestServer.Seed("http://127.0.0.1:9", appIds).ToJsonString());
        var lastAcknowledged = new ConcurrentDictionary<string, int>();
        var acknowledgedEnvs = new ConcurrentBag<string>();
        var acknowledgedMessages = new ConcurrentBag<string>();

        var server = await ServerProcess.StartAsync(data, [.. storage, "--seed", seedPath]);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(10) };
        var tokens = new Dictionary<string, string>();
        foreach (var appId in appIds)
        {
            var token = await ReadAsync(await http.GetAsync($"/cgi-bin/token?grant_type=client_credential&appid={appId}&secret=secret-{appId}"));
            tokens[appId] = token["access_token"]!.GetValue<string>();
        }

        using var stop = new CancellationTokenSource();
        var writers = appIds.Select(appId => Task.Run(async () =>
        {
            for (var k = 1; !stop.IsCancellationRequested; k++)
            {
                try
                {
                    var body = """{"container_config":{"enable":false,"qbase_env":"env-ok","qbase_container_path":"/write-""" + k + "\"}}";
                    using var response = await http.PostAsync($"/tcb/setcallbackconfig?access_token={tokens[appId]}", new StringContent(body));
                    if ((await ReadAsync(response))["errcode"]!.GetValue<int>() == 0)
                    {
                        lastAcknowledged[appId] = k;
                    }
                }
                catch (HttpRequestException)
                {
                    return;
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        })).Append(Task.Run(async () =>
        {
            for (var k = 0; !stop.IsCancellationRequested; k++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/envs")
                    {
                        Content = new StringContent($$"""{"env":"durable-{{k}}","container_base_url":"http://127.0.0.1:9","function_base_url":"http://127.0.0.1:9"}"""),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.AdminKey);
                    using var response = await http.SendAsync(request);
                    if ((await ReadAsync(response))["errcode"]!.GetValue<int>() == 0)
                    {
                        acknowledgedEnvs.Add($"durable-{k}");
                    }
                }
                catch (HttpRequestException)
                {
                    return;
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        })).Append(Task.Run(async () =>
        {
            for (var k = 1; !stop.IsCancellationRequested; k++)
            {
                try
                {
                    var msgId = (9_000_000_000L + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var xml = $"<xml><ToUserName><![CDATA[gh_0000000000aa]]></ToUserName><FromUserName><![CDATA[oDurable]]></FromUserName>" +
                              $"<CreateTime>1714036504</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[m{k}]]></Content><MsgId>{msgId}</MsgId></xml>";
                    using var response = await http.PostAsync($"/push/{appIds[0]}", new StringContent(xml));
                    if (response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "success")
                    {
                        acknowledgedMessages.Add(msgId);
                    }
                }
                catch (HttpRequestException)
                {
                    return;
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        })).ToArray();

        using (var enough = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while ((lastAcknowledged.Values.Sum() < 400 || acknowledgedMessages.Count < 100) && !enough.IsCancellationRequested)
            {
                await Task.Delay(10, CancellationToken.None);
            }
        }
        await server.KillHardAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await server.DisposeAsync();
        Assert.True(lastAcknowledged.Values.Sum() >= 400, $"only {lastAcknowledged.Values.Sum()} writes were acknowledged before the kill");
        Assert.True(acknowledgedMessages.Count >= 100, $"only {acknowledgedMessages.Count} pushes were acknowledged before the kill");

        await using var restarted = await ServerProcess.StartAsync(data, storage);
        using var after = new HttpClient { BaseAddress = new Uri(restarted.Url) };
        foreach (var appId in appIds)
        {
            var token = (await ReadAsync(await after.GetAsync($"/cgi-bin/token?grant_type=client_credential&appid={appId}&secret=secret-{appId}")))["access_token"]!.GetValue<string>();
            var config = await ReadAsync(await after.PostAsync($"/tcb/getcallbackconfig?access_token={token}", null));
            var path = config["data"]!["container_config"]!["qbase_container_path"]!.GetValue<string>();
            var stored = path.Length == 0 ? 0 : int.Parse(path["/write-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(stored >= lastAcknowledged.GetValueOrDefault(appId),
                $"{appId}: write {lastAcknowledged.GetValueOrDefault(appId)} was acknowledged but the stored one is {stored}");
        }
        using var listEnvs = new HttpRequestMessage(HttpMethod.Get, "/admin/envs");
        listEnvs.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.AdminKey);
        var envs = (await ReadAsync(await after.SendAsync(listEnvs)))["envs"]!.AsArray().Select(e => e!["env"]!.GetValue<string>()).ToHashSet();
        Assert.All(acknowledgedEnvs, env => Assert.Contains(env, envs));
        var storedMessages = await StoredMessageIdsAsync(after, appIds[0]);
        Assert.All(acknowledgedMessages, msgId => Assert.Contains(msgId, storedMessages));
    }

    /// <summary>Every message id with a delivery for the app, page by page through the admin API.</summary>
    private static async Task<HashSet<string>> StoredMessageIdsAsync(HttpClient http, string appId)
    {
        var ids = new HashSet<string>();
        long? before = null;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/deliveries?appid={appId}&limit=500" + (before is null ? "" : $"&before_id={before}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.AdminKey);
            var page = (await ReadAsync(await http.SendAsync(request)))["deliveries"]!.AsArray();
            if (page.Count == 0)
            {
                return ids;
            }
            foreach (var delivery in page)
            {
                ids.Add(delivery!["msg_id"]!.GetValue<string>());
            }
            before = page[^1]!["id"]!.GetValue<long>();
        }
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await TestServer.ReadObjectAsync(response);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
