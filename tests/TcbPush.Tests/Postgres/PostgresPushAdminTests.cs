using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;

namespace TcbPush.Tests.Postgres;

/// <summary>The push admin API on PostgreSQL: every behaviour of <see cref="PushAdminTests"/>, the delivery log in the database.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresPushAdminTests(PostgresTestGroup.Instance postgres) : PushAdminTests
{
    protected override async Task<string?> PostgresAsync() => await postgres.Server.CreateDatabaseAsync();
}
