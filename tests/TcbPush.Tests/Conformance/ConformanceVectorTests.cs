using System.Text.Json.Nodes;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Conformance;

/// <summary>The conformance vectors against a server on the default storage, SQLite.</summary>
public sealed class ConformanceVectorTests(ConformanceVectorTests.SqliteServer fixture)
    : ConformanceVectorRunner(fixture), IClassFixture<ConformanceVectorTests.SqliteServer>
{
    /// <summary>The seeded server on SQLite, with its sink.</summary>
    public sealed class SqliteServer : ServerWithSink
    {
        protected override Task<TestServer> StartServerAsync(JsonNode seed) => TestServer.StartAsync(seed);
    }
}
