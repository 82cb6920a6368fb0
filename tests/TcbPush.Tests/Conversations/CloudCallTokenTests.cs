using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Server.Credentials;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;

namespace TcbPush.Tests.Conversations;

/// <summary>
/// SPEC §10.3's cloud-call tokens: every delivery carries <c>X-WX-CLOUDBASE-ACCESS-TOKEN</c>, a token of the app valid
/// 30 minutes that neither supersedes nor is superseded by the app's own tokens, accepted as
/// <c>cloudbase_access_token</c> wherever <c>access_token</c> is (which wins when both are given).
/// </summary>
public sealed class CloudCallTokenTests : IAsyncLifetime
{
    private const string App = PushHarness.OpenApp;
    private PushHarness push = null!;

    public async Task InitializeAsync() => push = await PushHarness.StartAsync(fakeClock: true);

    public async Task DisposeAsync() => await push.DisposeAsync();

    private Task<string?> CloudTokenAsync() => push.Server.Services.GetRequiredService<CloudCallTokens>().ForDeliveryAsync(App);

    private async Task<int> GetConfigWithAsync(string query) =>
        (int)(await push.Server.PostJsonAsync($"/tcb/getcallbackconfig?{query}", null))["errcode"]!;

    [Fact]
    public async Task Every_delivery_carries_one_that_acts_for_its_app()
    {
        await push.SetContainerAsync(App, "env-ok", "/cloud-call");

        await push.UserSaysAsync(App);

        var delivery = Assert.Single(await push.Sink.WaitForAsync("/ok/cloud-call", where: r => !r.IsProbe));
        var cloud = delivery.Headers["x-wx-cloudbase-access-token"];
        Assert.Equal(0, await GetConfigWithAsync($"cloudbase_access_token={cloud}"));
        var reply = await push.Server.PostJsonAsync($"/cgi-bin/message/custom/send?cloudbase_access_token={cloud}", Text("from the container"));
        Assert.Equal(0, (int)reply["errcode"]!);
    }

    [Fact]
    public async Task Answers_the_user_through_custom_send_in_place_of_an_access_token()
    {
        await push.UserSaysAsync(App);
        var cloud = await CloudTokenAsync();

        var answer = await push.Server.PostJsonAsync($"/cgi-bin/message/custom/send?cloudbase_access_token={cloud}", Text("from the container"));

        Assert.Equal(0, (int)answer["errcode"]!);
        await push.Server.WaitForEntryAsync(App, e => (string?)e["via"] == "active");
    }

    [Fact]
    public async Task Neither_supersedes_nor_is_superseded_by_the_apps_own_tokens()
    {
        var before = await push.Server.TokenAsync(App);
        var cloud = await CloudTokenAsync();
        var after = await push.Server.TokenAsync(App);
        push.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(0, await GetConfigWithAsync($"cloudbase_access_token={cloud}"));
        Assert.Equal(0, await GetConfigWithAsync($"access_token={after}"));
        Assert.Equal(40001, await GetConfigWithAsync($"access_token={before}"));
    }

    [Fact]
    public async Task Access_token_is_the_one_checked_when_both_are_given()
    {
        var cloud = await CloudTokenAsync();

        Assert.Equal(40014, await GetConfigWithAsync($"access_token=forged&cloudbase_access_token={cloud}"));
        Assert.Equal(0, await GetConfigWithAsync($"access_token=&cloudbase_access_token={cloud}"));
    }

    [Fact]
    public async Task Deliveries_share_a_token_until_it_has_20_minutes_left_and_each_stays_valid_30_minutes()
    {
        var first = await CloudTokenAsync();
        push.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(first, await CloudTokenAsync());

        push.Time.Advance(TimeSpan.FromMinutes(2));
        var second = await CloudTokenAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(0, await GetConfigWithAsync($"cloudbase_access_token={first}"));
        push.Time.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(42001, await GetConfigWithAsync($"cloudbase_access_token={first}"));
        Assert.Equal(0, await GetConfigWithAsync($"cloudbase_access_token={second}"));
    }

    [Fact]
    public async Task Stops_working_when_its_app_is_removed_and_none_is_issued_for_a_removed_app()
    {
        var cloud = await CloudTokenAsync();

        await push.Server.AdminAsync(HttpMethod.Delete, $"/admin/apps/{App}");

        Assert.Equal(40014, await GetConfigWithAsync($"cloudbase_access_token={cloud}"));
        Assert.Null(await CloudTokenAsync());
    }

    [Fact]
    public async Task Component_endpoints_do_not_take_it()
    {
        var cloud = await CloudTokenAsync();

        var answer = await push.Server.PostJsonAsync($"/cgi-bin/component/api_query_auth?component_access_token={cloud}",
            new JsonObject { ["component_appid"] = App, ["authorization_code"] = "x" });

        Assert.Equal(48001, (int)answer["errcode"]!);
    }
}
