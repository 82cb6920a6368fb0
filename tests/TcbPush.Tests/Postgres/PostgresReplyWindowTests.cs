using TcbPush.Tests.Conversations;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;

namespace TcbPush.Tests.Postgres;

/// <summary>
/// SPEC §10.3 on PostgreSQL: every reply-window rule of <see cref="ReplyWindowTests"/>, and the concurrent quota test
/// spread over two nodes sharing the database (the quota is taken under the conversation row's lock).
/// </summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresReplyWindowTests(PostgresTestGroup.Instance postgres) : ReplyWindowTests
{
    protected override async Task<string?> PostgresAsync() => await postgres.Server.CreateDatabaseAsync();

    private protected override async Task<TestServer?> SecondNodeAsync(PushHarness harness) => await harness.StartNodeAsync(harness.Time);
}
