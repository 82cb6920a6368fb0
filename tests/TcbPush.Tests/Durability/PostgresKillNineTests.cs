using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Durability;

/// <summary>SPEC §9 on PostgreSQL: the same kill -9 scenario with the process storing in a database of its own.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresKillNineTests(PostgresTestGroup.Instance postgres) : KillNineTests
{
    protected override async Task<string[]> StorageArgumentsAsync() =>
        ["--storage", "postgres", "--connection", await postgres.Server.CreateDatabaseAsync()];
}
