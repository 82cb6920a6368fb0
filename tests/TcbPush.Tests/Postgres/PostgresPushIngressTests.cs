using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;

namespace TcbPush.Tests.Postgres;

/// <summary>SPEC §6.1 on PostgreSQL: every ingress behaviour of <see cref="PushIngressTests"/>, inbox and dedupe in the database.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresPushIngressTests(PostgresTestGroup.Instance postgres) : PushIngressTests
{
    protected override async Task<string?> PostgresAsync() => await postgres.Server.CreateDatabaseAsync();
}
