using System.Diagnostics;
using TcbPush.Server.Push;
using TcbPush.Server.Storage;
using Xunit.Abstractions;

namespace TcbPush.Tests.Console;

/// <summary>
/// The console's delivery pages stay index-backed with a long log: 100,000 deliveries stored through the push store
/// (in concurrent batches, group-committed), then the query plan of each page the console asks for. No timing is
/// asserted; the times are written to the test output.
/// </summary>
public sealed class ConsoleDeliveryPagingTests(ConsoleDeliveryLog log, ITestOutputHelper output) : IClassFixture<ConsoleDeliveryLog>
{
    private static readonly DateTimeOffset Start = ConsoleDeliveryLog.Start;

    [Theory]
    [InlineData("newest page")]
    [InlineData("a page deep in the log")]
    [InlineData("one app")]
    [InlineData("one status, deep")]
    [InlineData("app and status")]
    [InlineData("app and type")]
    [InlineData("time window")]
    public async Task A_page_is_read_in_id_order_from_an_index_and_stops_at_its_limit(string name)
    {
        var query = Query(name);
        var (sql, args) = SqlPushStore.ListCommand(query);
        var plan = await log.Database.ReadAsync(s => s.QueryAsync("EXPLAIN QUERY PLAN " + sql, r => r.GetString(3), args));
        var clock = Stopwatch.StartNew();
        var page = await log.Store.ListAsync(query);
        output.WriteLine($"{log.Count:N0} deliveries stored in {log.Seeding.TotalSeconds:0.0} s");
        output.WriteLine($"{name}: {page.Count} rows in {clock.Elapsed.TotalMilliseconds:0.0} ms; plan: {string.Join(" | ", plan)}");

        Assert.Contains("ORDER BY d.id DESC LIMIT $", sql, StringComparison.Ordinal);
        Assert.Equal(query.Limit, page.Count);
        Assert.Equal(page.OrderByDescending(d => d.Id).Select(d => d.Id), page.Select(d => d.Id));
        // Read in id order (no sort of every match before the LIMIT), the deliveries by primary key or an index,
        // each delivery's message by its primary key.
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH m USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        if (query.BeforeId is not null || query.AppId is not null || query.Status is not null)
        {
            Assert.Contains(plan, step => step.StartsWith("SEARCH d USING", StringComparison.Ordinal));
        }
    }

    private static DeliveryQuery Query(string name) => name switch
    {
        "newest page" => new DeliveryQuery(),
        "a page deep in the log" => new DeliveryQuery(BeforeId: 1_000),
        "one app" => new DeliveryQuery(AppId: "wxpaging1"),
        "one status, deep" => new DeliveryQuery(Status: DeliveryStatus.Unrouted, BeforeId: 20_000),
        "app and status" => new DeliveryQuery(AppId: "wxpaging1", Status: DeliveryStatus.Pending, BeforeId: 50_000),
        "app and type" => new DeliveryQuery(AppId: "wxpaging0", MsgType: "event"),
        _ => new DeliveryQuery(Since: Start.AddHours(10), Until: Start.AddHours(11)),
    };
}
