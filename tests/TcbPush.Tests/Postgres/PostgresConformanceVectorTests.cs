using System.Text.Json.Nodes;
using TcbPush.Tests.Conformance;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Postgres;

/// <summary>The conformance vectors against a server storing in PostgreSQL.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresConformanceVectorTests(PostgresConformanceVectorTests.PostgresBackedServer fixture)
    : ConformanceVectorRunner(fixture), IClassFixture<PostgresConformanceVectorTests.PostgresBackedServer>
{
    /// <summary>The seeded server on a fresh PostgreSQL database, with its sink.</summary>
    public sealed class PostgresBackedServer : ServerWithSink
    {
        protected override async Task<TestServer> StartServerAsync(JsonNode seed)
        {
            var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
            return await TestServer.StartAsync(seed, postgres: database);
        }
    }
}
