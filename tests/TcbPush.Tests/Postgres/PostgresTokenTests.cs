using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TcbPush.Server.Credentials;
using TcbPush.Server.Storage;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Postgres;

/// <summary>SPEC §3 on PostgreSQL: overlap, expiry, stable reuse and tokens surviving a restart.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresTokenTests(PostgresTestGroup.Instance postgres) : IAsyncLifetime
{
    private const string App = "wx00000000000000p1";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));
    private TestServer server = null!;

    public async Task InitializeAsync() => server = await TestServer.StartAsync(
        TestServer.Seed("http://127.0.0.1:9", App), time, postgres: await postgres.Server.CreateDatabaseAsync());

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Superseded_token_works_during_the_overlap_and_answers_40001_after_it()
    {
        var first = await server.TokenAsync(App);
        var latest = await server.TokenAsync(App);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await ErrcodeOfGetAsync(first));

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(40001, await ErrcodeOfGetAsync(first));
        Assert.Equal(0, await ErrcodeOfGetAsync(latest));
    }

    [Fact]
    public async Task Token_past_its_lifetime_answers_42001()
    {
        var token = await server.TokenAsync(App);
        time.Advance(TimeSpan.FromSeconds(7199));
        Assert.Equal(0, await ErrcodeOfGetAsync(token));

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(42001, await ErrcodeOfGetAsync(token));
    }

    [Fact]
    public async Task Stable_token_is_returned_again_while_valid_and_force_refresh_is_limited()
    {
        var first = await StableAsync();
        time.Advance(TimeSpan.FromMinutes(10));
        var second = await StableAsync();
        Assert.Equal(first["access_token"]!.GetValue<string>(), second["access_token"]!.GetValue<string>());
        Assert.Equal(7200 - 600, second["expires_in"]!.GetValue<int>());

        var forced = await StableAsync(force: true);
        Assert.NotEqual(first["access_token"]!.GetValue<string>(), forced["access_token"]!.GetValue<string>());
        time.Advance(TimeSpan.FromSeconds(29));

        Assert.Equal(45011, (await StableAsync(force: true))["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Token_keeps_working_after_a_restart()
    {
        var token = await server.TokenAsync(App);

        server = await server.RestartAsync();

        Assert.Equal(0, await ErrcodeOfGetAsync(token));
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

    private Task<JsonObject> StableAsync(bool force = false) => server.PostJsonAsync("/cgi-bin/stable_token", new JsonObject
    {
        ["grant_type"] = "client_credential", ["appid"] = App, ["secret"] = "secret-" + App, ["force_refresh"] = force,
    });

    private async Task<int> ErrcodeOfGetAsync(string token) =>
        (await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={Uri.EscapeDataString(token)}", "{}"))["errcode"]!.GetValue<int>();
}
