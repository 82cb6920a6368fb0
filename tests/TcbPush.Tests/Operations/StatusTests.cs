using System.Net;
using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 health: <c>GET /admin/status</c> — version, storage, uptime, counts, backlog, dead — behind the admin key.</summary>
public sealed class StatusTests
{
    [Fact]
    public async Task Status_counts_apps_and_deliveries_by_status()
    {
        await using var push = await PushHarness.StartAsync(fakeClock: true, adjust: o => o.Push.RetrySchedule = []);
        await push.SetContainerAsync(OpenApp, "env-fail", "/status");
        await push.WaitForStatusAsync(await push.SimulateTextAsync(OpenApp), "dead", 1);

        var status = AssertOk(await push.Server.AdminAsync(HttpMethod.Get, "/admin/status"));

        Assert.Equal("sqlite", (string?)status["storage"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", (string?)status["version"]);
        Assert.True((long?)status["uptime_seconds"] >= 0);
        Assert.Equal(3, (int?)status["apps"]);
        Assert.Equal(1, (int?)status["dead"]);
        Assert.Equal(0, (int?)status["backlog"]);
        Assert.Equal(1, (int?)status["deliveries"]!["dead"]);
        Assert.Equal(0, (int?)status["deliveries"]!["delivered"]);
    }

    [Theory]
    [InlineData(null, "admin key required")]
    [InlineData("wrong-key", "admin key rejected")]
    public async Task Admin_without_the_key_says_required_and_with_another_key_says_rejected(string? key, string error)
    {
        await using var server = await TestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/status");
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith(error, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
    }
}
