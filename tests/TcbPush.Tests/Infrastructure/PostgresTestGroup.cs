namespace TcbPush.Tests.Infrastructure;

/// <summary>
/// The collection of the tests on PostgreSQL: they share the one <see cref="PostgresServer"/> of the test run (each
/// class with databases of its own), which stops when they are all done.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresTestGroup : ICollectionFixture<PostgresTestGroup.Instance>
{
    public const string Name = "Postgres";

    /// <summary>Starts the shared instance before the collection's first test, stops it after the last.</summary>
    public sealed class Instance : IAsyncLifetime
    {
        public PostgresServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await PostgresServer.SharedAsync();

        public Task DisposeAsync() => PostgresServer.StopSharedAsync();
    }
}
