using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Chaos;

/// <summary>
/// SPEC §6.4 and §9 under a crash: <c>kill -9</c> of a real <c>tcbpush serve</c> in the middle of a run of deliveries,
/// then a restart on the same data folder. Every message ingress acknowledged (<c>success</c>) reaches the sink at least
/// once; none is lost. Short leases (<c>--claim-lease 2s</c>) so that what was in flight at the kill comes back soon.
/// </summary>
[Trait("Category", "Chaos")]
public sealed partial class KillDuringDeliveryTests : IDisposable
{
    private const string AppId = "wx00000000000chaos";
    private readonly string data = Directory.CreateTempSubdirectory("tcbpush-chaos-").FullName;

    [Fact]
    public async Task Every_acknowledged_message_is_delivered_at_least_once_across_kill_9_mid_delivery()
    {
        await using var sink = await Sink.StartAsync();
        var seedPath = Path.Combine(data, "seed.json");
        await File.WriteAllTextAsync(seedPath, TestServer.Seed(sink.Url, AppId).ToJsonString());
        string[] flags = ["--seed", seedPath, "--no-path-check", "--delivery-timeout", "1s", "--claim-lease", "2s", "--retry-schedule", "1s,2s,3s"];
        var server = await ServerProcess.StartAsync(data, flags);
        var acknowledged = new ConcurrentBag<string>();
        using (var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(10) })
        {
            var token = (await ReadAsync(await http.GetAsync($"/cgi-bin/token?grant_type=client_credential&appid={AppId}&secret=secret-{AppId}")))["access_token"]!;
            var set = await ReadAsync(await http.PostAsync($"/tcb/setcallbackconfig?access_token={token}", new StringContent(
                """{"container_config":{"enable":true,"qbase_env":"env-ok","qbase_container_path":"/chaos","text_mode":1}}""")));
            Assert.Equal(0, (int?)set["errcode"]);

            using var stop = new CancellationTokenSource();
            var pushers = Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
            {
                for (var k = 0; !stop.IsCancellationRequested; k++)
                {
                    var msgId = (7_000_000_000L + p * 1_000_000L + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    try
                    {
                        using var response = await http.PostAsync($"/push/{AppId}", new StringContent(Push.PushHarness.TextXml(msgId, $"m{k}")));
                        if (response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "success")
                        {
                            acknowledged.Add(msgId);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToArray();

            // Kill while deliveries are under way: some delivered, more acknowledged than delivered.
            using (var enough = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                while ((acknowledged.Count < 300 || Delivered(sink).Count < 50) && !enough.IsCancellationRequested)
                {
                    await Task.Delay(10, CancellationToken.None);
                }
            }
            await server.KillHardAsync();
            await stop.CancelAsync();
            await Task.WhenAll(pushers);
            await server.DisposeAsync();
        }
        Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} pushes were acknowledged before the kill");
        var deliveredBeforeRestart = Delivered(sink).Count;

        await using var restarted = await ServerProcess.StartAsync(data, flags);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!acknowledged.All(Delivered(sink).Contains) && !deadline.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
            }
        }

        var delivered = Delivered(sink);
        var lost = acknowledged.Where(id => !delivered.Contains(id)).ToList();
        Assert.True(lost.Count == 0,
            $"{lost.Count} of {acknowledged.Count} acknowledged messages were never delivered ({deliveredBeforeRestart} delivered before the kill): {string.Join(", ", lost.Take(10))}");
    }

    /// <summary>The MsgIds the sink received (JSON bodies, text_mode 1).</summary>
    private static HashSet<string> Delivered(Sink sink) =>
        [.. sink.ReceivedUnder("/ok/chaos").Select(r => MsgIdField().Match(r.BodyText)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await TestServer.ReadObjectAsync(response);
        }
    }

    [GeneratedRegex("\"MsgId\":\"?([0-9]+)")]
    private static partial Regex MsgIdField();

    public void Dispose()
    {
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
