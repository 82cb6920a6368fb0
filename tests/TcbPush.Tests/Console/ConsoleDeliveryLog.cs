using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Push;
using TcbPush.Server.Storage;
using TcbPush.Server.Storage.Sqlite;

namespace TcbPush.Tests.Console;

/// <summary>
/// A SQLite database with a long delivery log: <see cref="Count"/> deliveries stored through the push store in
/// concurrent batches (group-committed), two apps, texts and events, some unrouted, one message a second from
/// <see cref="Start"/>.
/// </summary>
public sealed class ConsoleDeliveryLog : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int Batch = 2_000;
    private readonly string folder = Directory.CreateTempSubdirectory("tcbpush-paging-").FullName;

    public int Count { get; } = 100_000;

    internal SqliteDatabase Database { get; private set; } = null!;

    internal SqlPushStore Store { get; private set; } = null!;

    public TimeSpan Seeding { get; private set; }

    public async Task InitializeAsync()
    {
        Database = SqliteDatabase.Open(folder, NullLogger.Instance);
        Store = new SqlPushStore(Database);
        var clock = Stopwatch.StartNew();
        for (var first = 0; first < Count; first += Batch)
        {
            await Task.WhenAll(Enumerable.Range(first, Batch).Select(i =>
            {
                var appId = i % 2 == 0 ? "wxpaging0" : "wxpaging1";
                var route = appId == "wxpaging1" && i % 7 == 0
                    ? DeliveryRoute.Unrouted("no route")
                    : new DeliveryRoute(DeliveryRoute.Container, "http://127.0.0.1:9/push", "env", MessageFormat.Json, null);
                var at = Start.AddSeconds(i);
                var message = new InboundMessage(appId, "m" + i, i % 3 == 0 ? "event" : "text", "", "oUser" + (i % 100), MessageFormat.Json,
                    Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}"));
                return Store.AcceptAsync(message, route, at, at.AddDays(1));
            }));
        }
        Seeding = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
