using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Operations;

namespace TcbPush.Tests.Postgres;

/// <summary>SPEC §12 keys on PostgreSQL: the fingerprint is in the shared database, so every node must bring the same key.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresMasterKeyFingerprintTests(PostgresTestGroup.Instance postgres) : MasterKeyFingerprintTests
{
    protected override async Task<string?> PostgresAsync() => await postgres.Server.CreateDatabaseAsync();
}
