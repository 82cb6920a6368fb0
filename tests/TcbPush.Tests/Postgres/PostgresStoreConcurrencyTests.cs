using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TcbPush.Protocol.Messages;
using TcbPush.Tests.Infrastructure;
using TcbPush.Server.Component;
using TcbPush.Server.Push;
using TcbPush.Server.Storage;
using TcbPush.Server.Storage.Postgres;

namespace TcbPush.Tests.Postgres;

/// <summary>
/// The PostgreSQL stores under concurrency, as several nodes would use them: each "node" here is a
/// <see cref="PostgresDatabase"/> of its own on one database.
/// </summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresStoreConcurrencyTests(PostgresTestGroup.Instance postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Nodes_starting_together_apply_each_migration_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();

        var nodes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresDatabase.Open(database, NullLogger.Instance))));

        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations", connection);
        Assert.Equal(string.Join(',', EmbeddedMigrations.For("Postgres").Select(m => m.Version)), (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Authorization_code_redeemed_on_several_nodes_at_once_works_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var first = PostgresDatabase.Open(database, NullLogger.Instance);
        await new SqlComponentStore(first).UpsertAsync(new ComponentRecord("wxcomponent000001", [1], [2], Now));
        var code = new AuthorizationCode([7, 7, 7], "wxcomponent000001", "wxauthorizer00001", [1, 18], Now + TimeSpan.FromMinutes(10));
        await new SqlAuthorizationStore(first).AddCodeAsync(code, Now);
        var nodes = new List<PostgresDatabase>();
        for (var i = 0; i < 4; i++)
        {
            nodes.Add(PostgresDatabase.Open(database, NullLogger.Instance));
        }

        var redeemed = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            new SqlAuthorizationStore(nodes[i % nodes.Count]).RedeemCodeAsync("wxcomponent000001", [7, 7, 7], [(byte)i], Now))));

        var grant = Assert.Single(redeemed, r => r is not null)!;
        Assert.Equal([1, 18], grant.PermissionSets);
        var stored = await new SqlAuthorizationStore(first).FindAsync("wxcomponent000001", "wxauthorizer00001");
        Assert.Equal(grant.RefreshTokenDigest, stored!.RefreshTokenDigest);
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Same_message_accepted_on_several_nodes_at_once_is_stored_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var nodes = new List<PostgresDatabase>();
        for (var i = 0; i < 4; i++)
        {
            nodes.Add(PostgresDatabase.Open(database, NullLogger.Instance));
        }
        var message = new InboundMessage("wxapp", "9001", "text", "", "oUser", MessageFormat.Json, [1], [2]);
        var route = new DeliveryRoute(DeliveryRoute.Container, "http://127.0.0.1:9/ok", "env-ok", MessageFormat.Json, null);

        var accepted = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            new SqlPushStore(nodes[i % nodes.Count]).AcceptAsync(message, route, Now, Now + TimeSpan.FromHours(24)))));

        Assert.Single(accepted, a => a.Status == DeliveryStatus.Pending);
        Assert.Equal(15, accepted.Count(a => a.Status == AcceptedMessage.DuplicateStatus));
        Assert.Single(await new SqlPushStore(nodes[0]).ListAsync(new DeliveryQuery(AppId: "wxapp")));
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_claims_on_several_nodes_never_share_a_delivery_and_keep_each_target_limit()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var nodes = new List<PostgresDatabase>();
        for (var i = 0; i < 4; i++)
        {
            nodes.Add(PostgresDatabase.Open(database, NullLogger.Instance));
        }
        const int perTarget = 30;
        for (var i = 0; i < perTarget * 2; i++)
        {
            var url = i % 2 == 0 ? "http://127.0.0.1:9/a" : "http://127.0.0.1:9/b";
            await new SqlPushStore(nodes[0]).AcceptAsync(
                new InboundMessage("wxapp", (10_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "text", "", "oUser", MessageFormat.Json, [1], [2]),
                new DeliveryRoute(DeliveryRoute.Container, url, "env-ok", MessageFormat.Json, null), Now + TimeSpan.FromMilliseconds(i), Now + TimeSpan.FromHours(24));
        }
        var at = Now + TimeSpan.FromMinutes(1);
        var inFlight = new Dictionary<string, int> { ["http://127.0.0.1:9/a"] = 1 };

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => new SqlPushStore(nodes[i % nodes.Count])
            .ClaimAsync(new DeliveryClaim(at, at + TimeSpan.FromSeconds(30), 5, 4, inFlight, 64)))));

        var all = claims.SelectMany(c => c).ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        Assert.All(claims, c => Assert.InRange(c.Count, 0, 5));
        Assert.All(claims, c => Assert.InRange(c.Count(d => d.TargetUrl.EndsWith("/a", StringComparison.Ordinal)), 0, 3));
        Assert.All(claims, c => Assert.InRange(c.Count(d => d.TargetUrl.EndsWith("/b", StringComparison.Ordinal)), 0, 4));
        Assert.Equal(perTarget * 2, all.Count + (await new SqlPushStore(nodes[0]).ListAsync(
            new DeliveryQuery(Status: DeliveryStatus.Pending, Limit: 1000))).Count);
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}
