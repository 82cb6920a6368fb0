using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;

namespace TcbPush.Tests.Postgres;

/// <summary>The caches of <see cref="RoutingCacheTests"/> on PostgreSQL, one node: its own writes are in force at once.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresRoutingCacheTests(PostgresTestGroup.Instance postgres) : RoutingCacheTests
{
    protected override async Task<string?> PostgresAsync() => await postgres.Server.CreateDatabaseAsync();
}
