using TcbPush.Tests.CallbackConfig;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Postgres;

/// <summary>SPEC §4 on PostgreSQL: concurrent sets for one app end in exactly one request's configuration.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresConcurrentSetTests(PostgresTestGroup.Instance postgres) : ConcurrentSetTests
{
    protected override async Task<string?> PostgresAsync() => await postgres.Server.CreateDatabaseAsync();
}
