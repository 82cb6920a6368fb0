using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;

namespace TcbPush.Tests.Postgres;

/// <summary>SPEC §6.2 and §6.4 on PostgreSQL: every delivery behaviour of <see cref="PushDeliveryTests"/>, the queue in the database.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresPushDeliveryTests(PostgresTestGroup.Instance postgres) : PushDeliveryTests
{
    protected override async Task<string?> PostgresAsync() => await postgres.Server.CreateDatabaseAsync();
}
