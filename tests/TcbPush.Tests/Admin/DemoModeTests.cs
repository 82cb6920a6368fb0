using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Admin;

/// <summary>SPEC §8 <c>--demo</c>: the seed document's sample request works on a fresh start.</summary>
public sealed class DemoModeTests
{
    private const string SeedSample = """
        {
        "function_config": {
        "enable": false,
        "callbacks": [
        {
        "msgType": "event",
        "event": "user_enter_tempsession",
        "env": "test-env-6gni9ity244a6ea3",
        "functionName": "callback",
        "enable": false
        },
        {
        "msgType": "image",
        "event": "",
        "env": "test-env-6gni9ity244a6ea3",
        "functionName": "callback",
        "enable": true
        }
        ]
        },
        "container_config": {
        "enable": true,
        "qbase_env": "test-env-6gni9ity244a6ea3",
        "qbase_container_path " : "/container-echo",
        "text_mode": 1
        }
        }
        """;

    [Fact]
    public async Task Seed_sample_request_succeeds_on_a_fresh_demo_server()
    {
        await using var server = await TestServer.StartAsync(configure: o => o.Demo = true);
        var token = await server.TokenAsync("wxdemo0000000000", "demo-secret");

        var answer = await server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}", SeedSample);

        Assert.Equal(0, answer["errcode"]!.GetValue<int>());
        var echoed = JsonNode.Parse(await server.Http.GetStringAsync("/container-echo"))!.AsArray();
        Assert.Contains(echoed, r => r!["body"]!.GetValue<string>().Contains("CheckContainerPath", StringComparison.Ordinal));
    }
}
