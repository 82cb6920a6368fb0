using System.Text.Json.Nodes;
using TcbPush.Protocol;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Hosting;

/// <summary>SPEC §2: when the server is saturated, new requests are answered -1 at once instead of piling up.</summary>
public sealed class LoadSheddingTests
{
    private const string App = "wx00000000000000b1";

    [Fact]
    public async Task Requests_beyond_capacity_and_queue_get_minus_1()
    {
        await using var sink = await Sink.StartAsync();
        var seed = TestServer.Seed(sink.Url, App);
        seed["envs"]!.AsArray().Add(new JsonObject { ["env"] = "env-slow", ["container_base_url"] = sink.Url + "/slow/1500", ["function_base_url"] = sink.Url + "/slow/1500" });
        await using var server = await TestServer.StartAsync(seed, configure: o => (o.MaxConcurrentRequests, o.MaxQueuedRequests) = (1, 1));
        var token = await server.TokenAsync(App);
        var slowSet = $"/tcb/setcallbackconfig?access_token={token}";
        const string body = """{"container_config":{"enable":true,"qbase_env":"env-slow","qbase_container_path":"/held"}}""";

        var holding = server.PostJsonAsync(slowSet, body);
        await sink.WaitForAsync("/slow/1500/held");
        var latecomers = await Task.WhenAll(
            server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", null),
            server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", null));

        // One permit is held and the queue holds one more: of the two latecomers one waits, the other is shed.
        Assert.Equal([ErrCode.SystemBusy, 0], latecomers.Select(a => a["errcode"]!.GetValue<int>()).Order());
        Assert.Equal(0, (await holding)["errcode"]!.GetValue<int>());
    }
}
