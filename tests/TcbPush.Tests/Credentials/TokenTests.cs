using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TcbPush.Tests.Infrastructure;
using TcbPush.Server.Apps;
using TcbPush.Server.Credentials;

namespace TcbPush.Tests.Credentials;

/// <summary>
/// SPEC §3: issuing and checking tokens, on a fake clock. Runs on SQLite here and on PostgreSQL in
/// <see cref="Postgres.PostgresTokenTests"/>.
/// </summary>
public class TokenTests : IAsyncLifetime
{
    private const string App = "wx00000000000000t1";
    private const string OtherApp = "wx00000000000000t2";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));
    private TestServer server = null!;

    /// <summary>The PostgreSQL connection string to run on, or null for SQLite.</summary>
    protected virtual Task<string?> PostgresAsync() => Task.FromResult<string?>(null);

    public async Task InitializeAsync() =>
        server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App, OtherApp), time, postgres: await PostgresAsync());

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Token_is_url_safe_and_at_most_512_characters()
    {
        var token = await server.TokenAsync(App);

        Assert.InRange(token.Length, 1, 512);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not URL-safe"));
    }

    [Fact]
    public async Task Each_call_issues_a_new_token()
    {
        Assert.NotEqual(await server.TokenAsync(App), await server.TokenAsync(App));
    }

    [Fact]
    public async Task Concurrent_issues_each_get_their_own_generation()
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => server.TokenAsync(App))));

        Assert.Equal(tokens.Length, tokens.Distinct().Count());
        var generations = await server.Services.GetRequiredService<ITokenStore>()
            .RecentAsync(TokenKind.App.ToString(), App, time.GetUtcNow() - TimeSpan.FromHours(1));
        Assert.Equal(Enumerable.Range(1, 16).Select(g => (long)g).Reverse(), generations.Select(g => g.Generation));
    }

    [Fact]
    public async Task Previous_token_keeps_working_for_five_minutes_after_a_new_one()
    {
        var first = await server.TokenAsync(App);
        await server.TokenAsync(App);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        Assert.Equal(0, await ErrcodeOfGetAsync(first));
    }

    [Fact]
    public async Task Superseded_token_past_the_overlap_answers_40001()
    {
        var first = await server.TokenAsync(App);
        await server.TokenAsync(App);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(40001, await ErrcodeOfGetAsync(first));
    }

    [Fact]
    public async Task Latest_token_outlives_the_overlap()
    {
        await server.TokenAsync(App);
        var latest = await server.TokenAsync(App);
        time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(0, await ErrcodeOfGetAsync(latest));
    }

    [Fact]
    public async Task Token_past_its_lifetime_answers_42001()
    {
        var token = await server.TokenAsync(App);
        time.Advance(TimeSpan.FromSeconds(7200));

        Assert.Equal(42001, await ErrcodeOfGetAsync(token));
    }

    [Fact]
    public async Task Token_just_before_its_lifetime_still_works()
    {
        var token = await server.TokenAsync(App);
        time.Advance(TimeSpan.FromSeconds(7199));

        Assert.Equal(0, await ErrcodeOfGetAsync(token));
    }

    [Fact]
    public async Task Tampered_token_answers_40014()
    {
        var token = await server.TokenAsync(App);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        Assert.Equal(40014, await ErrcodeOfGetAsync(tampered));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("AAAAthis-is-not-a-token")]
    [InlineData("not base64 at all!")]
    [InlineData("%00%01")]
    public async Task Garbage_token_answers_40014(string token)
    {
        Assert.Equal(40014, await ErrcodeOfGetAsync(token));
    }

    [Fact]
    public async Task Overlong_token_answers_40014()
    {
        Assert.Equal(40014, await ErrcodeOfGetAsync(new string('A', 600)));
    }

    [Fact]
    public async Task Token_of_another_install_answers_40014()
    {
        await using var other = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App), time);
        var foreign = await other.TokenAsync(App);

        Assert.Equal(40014, await ErrcodeOfGetAsync(foreign));
    }

    [Fact]
    public async Task Token_keeps_working_after_a_restart()
    {
        var token = await server.TokenAsync(App);
        server = await server.RestartAsync();

        Assert.Equal(0, await ErrcodeOfGetAsync(token));
    }

    [Fact]
    public async Task Token_of_a_removed_app_never_works_again_once_the_app_is_registered_anew()
    {
        var old = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            old.Add(await server.TokenAsync(App));
        }
        await server.AdminAsync(HttpMethod.Delete, $"/admin/apps/{App}");
        await server.AdminAsync(HttpMethod.Post, "/admin/apps", new { appid = App, secret = "secret-" + App });

        var renewed = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            renewed.Add(await server.TokenAsync(App));
        }

        foreach (var token in old)
        {
            Assert.Equal(40014, await ErrcodeOfGetAsync(token));
        }
        Assert.Equal(0, await ErrcodeOfGetAsync(renewed[^1]));
    }

    [Fact]
    public async Task A_crash_right_after_an_app_is_deleted_leaves_no_token_to_revive()
    {
        var old = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            old.Add(await server.TokenAsync(App));
        }
        // The store's delete alone, without the removal listeners that run after it: what a kill -9 right after the
        // delete's commit would leave.
        await server.Services.GetRequiredService<IAppStore>().DeleteAsync(App);
        server = await server.RestartAsync();
        await server.AdminAsync(HttpMethod.Post, "/admin/apps", new { appid = App, secret = "secret-" + App });
        for (var i = 0; i < 4; i++)
        {
            await server.TokenAsync(App);
        }

        foreach (var token in old)
        {
            Assert.Equal(40014, await ErrcodeOfGetAsync(token));
        }
    }

    [Fact]
    public async Task No_token_issued_while_its_app_is_removed_works_afterwards()
    {
        for (var round = 0; round < 10; round++)
        {
            var issuing = Enumerable.Range(0, 6).Select(_ => Task.Run(() => TryTokenAsync(App))).ToList();
            var removing = Task.Run(() => server.AdminAsync(HttpMethod.Delete, $"/admin/apps/{App}"));
            var issued = await Task.WhenAll(issuing);
            await removing;

            foreach (var token in issued.OfType<string>())
            {
                Assert.Equal(40014, await ErrcodeOfGetAsync(token));
            }
            await server.AdminAsync(HttpMethod.Post, "/admin/apps", new { appid = App, secret = "secret-" + App });
        }
    }

    [Fact]
    public async Task Token_acts_for_its_own_app_only()
    {
        var token = await server.TokenAsync(App);
        await server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}",
            new JsonObject { ["container_config"] = new JsonObject { ["enable"] = false, ["qbase_container_path"] = "/mine" } });
        var other = await server.TokenAsync(OtherApp);

        var config = await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={other}", null);

        Assert.Equal("", config["data"]!["container_config"]!["qbase_container_path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stable_token_is_returned_again_while_valid_with_expires_in_counting_down()
    {
        var first = await StableAsync();
        time.Advance(TimeSpan.FromMinutes(10));
        var second = await StableAsync();

        Assert.Equal(first["access_token"]!.GetValue<string>(), second["access_token"]!.GetValue<string>());
        Assert.Equal(7200, first["expires_in"]!.GetValue<int>());
        Assert.Equal(7200 - 600, second["expires_in"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stable_token_is_renewed_in_its_last_five_minutes()
    {
        var first = await StableAsync();
        time.Advance(TimeSpan.FromSeconds(7200 - 300));
        var renewed = await StableAsync();

        Assert.NotEqual(first["access_token"]!.GetValue<string>(), renewed["access_token"]!.GetValue<string>());
        Assert.Equal(7200, renewed["expires_in"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stable_force_refresh_issues_a_new_token_and_the_old_one_overlaps()
    {
        var first = (await StableAsync())["access_token"]!.GetValue<string>();
        var forced = (await StableAsync(force: true))["access_token"]!.GetValue<string>();

        Assert.NotEqual(first, forced);
        Assert.Equal(0, await ErrcodeOfGetAsync(first));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(40001, await ErrcodeOfGetAsync(first));
    }

    [Fact]
    public async Task Stable_force_refresh_within_30_seconds_answers_45011()
    {
        await StableAsync(force: true);
        time.Advance(TimeSpan.FromSeconds(29));

        Assert.Equal(45011, (await StableAsync(force: true))["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stable_force_refresh_beyond_20_a_day_answers_45009()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.False((await StableAsync(force: true)).ContainsKey("errcode"));
            time.Advance(TimeSpan.FromSeconds(31));
        }

        Assert.Equal(45009, (await StableAsync(force: true))["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stable_and_plain_tokens_are_independent()
    {
        var stable = (await StableAsync())["access_token"]!.GetValue<string>();
        await server.TokenAsync(App);
        await server.TokenAsync(App);
        time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(0, await ErrcodeOfGetAsync(stable));
    }

    [Theory]
    [InlineData("""{"grant_type":"client_credential","appid":"wx00000000000000t1"}""", 41004)]
    [InlineData("""{"grant_type":"client_credential","secret":"x"}""", 41002)]
    [InlineData("""{"grant_type":"password","appid":"wx00000000000000t1","secret":"secret-wx00000000000000t1"}""", 40002)]
    [InlineData("""{"grant_type":"client_credential","appid":"wx00000000000000t1","secret":"wrong"}""", 40125)]
    [InlineData("""{"grant_type":"client_credential","appid":"wx0000000000000404","secret":"x"}""", 40013)]
    [InlineData("""{"grant_type":"client_credential","appid":"wx00000000000000t1","secret":"secret-wx00000000000000t1","force_refresh":"yes"}""", 40097)]
    [InlineData("""{"grant_type":1,"appid":"wx00000000000000t1","secret":"secret-wx00000000000000t1"}""", 40097)]
    [InlineData("", 44002)]
    [InlineData("[1]", 47001)]
    public async Task Stable_token_refuses_bad_requests(string body, int errcode)
    {
        var answer = await server.PostJsonAsync("/cgi-bin/stable_token", body);

        Assert.Equal(errcode, answer["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stable_token_with_GET_answers_43002()
    {
        Assert.Equal(43002, (await server.GetJsonAsync("/cgi-bin/stable_token"))["errcode"]!.GetValue<int>());
    }

    private Task<JsonObject> StableAsync(bool force = false) => server.PostJsonAsync("/cgi-bin/stable_token", new JsonObject
    {
        ["grant_type"] = "client_credential",
        ["appid"] = App,
        ["secret"] = "secret-" + App,
        ["force_refresh"] = force,
    });

    private async Task<string?> TryTokenAsync(string appId)
    {
        var answer = await server.GetJsonAsync($"/cgi-bin/token?grant_type=client_credential&appid={appId}&secret=secret-{appId}");
        return answer["access_token"]?.GetValue<string>();
    }

    private async Task<int> ErrcodeOfGetAsync(string token)
    {
        var answer = await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={Uri.EscapeDataString(token)}", "{}");
        return answer["errcode"]!.GetValue<int>();
    }
}
