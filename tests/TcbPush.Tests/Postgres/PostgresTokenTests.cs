using TcbPush.Tests.Credentials;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Postgres;

/// <summary>SPEC §3 on PostgreSQL: every token rule of <see cref="TokenTests"/>, with the token history in the database.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresTokenTests(PostgresTestGroup.Instance postgres) : TokenTests
{
    protected override async Task<string?> PostgresAsync() => await postgres.Server.CreateDatabaseAsync();
}
