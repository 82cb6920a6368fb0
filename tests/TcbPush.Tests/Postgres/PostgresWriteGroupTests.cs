using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TcbPush.Server.Storage.Postgres;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Postgres;

/// <summary>
/// Group commit per key on PostgreSQL (<see cref="PostgresWriteGroups"/>): writes queued for one key while a
/// transaction for it is in flight commit together, and a failing one fails alone.
/// </summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresWriteGroupTests(PostgresTestGroup.Instance postgres)
{
    private const string CurrentTransaction = "SELECT txid_current()";

    [Fact]
    public async Task Writes_queued_for_one_key_while_one_is_in_flight_commit_in_one_transaction()
    {
        await using var db = PostgresDatabase.Open(await postgres.Server.CreateDatabaseAsync(), NullLogger.Instance);
        var holding = new TaskCompletionSource();
        var first = db.WriteGroupedAsync("oUser", async s =>
        {
            await holding.Task;
            return await s.Int64Async(CurrentTransaction);
        });

        var queued = Enumerable.Range(0, 3).Select(_ => db.WriteGroupedAsync("oUser", s => s.Int64Async(CurrentTransaction))).ToList();
        var otherKey = await db.WriteGroupedAsync("oOther", s => s.Int64Async(CurrentTransaction));
        holding.SetResult();

        var transactions = await Task.WhenAll(queued);
        Assert.Single(transactions.Distinct());
        Assert.DoesNotContain(await first, transactions);
        Assert.DoesNotContain(otherKey, transactions);
    }

    [Fact]
    public async Task A_failing_write_in_a_group_fails_alone_and_the_others_of_its_group_are_committed()
    {
        await using var db = PostgresDatabase.Open(await postgres.Server.CreateDatabaseAsync(), NullLogger.Instance);
        await db.WriteAsync(s => s.ExecuteAsync("CREATE TABLE grouped (id bigint PRIMARY KEY)"));
        var holding = new TaskCompletionSource();
        var first = db.WriteGroupedAsync("oUser", async s =>
        {
            await holding.Task;
            return await s.ExecuteAsync("INSERT INTO grouped VALUES (1)");
        });

        var second = db.WriteGroupedAsync("oUser", s => s.ExecuteAsync("INSERT INTO grouped VALUES (2)"));
        var failing = db.WriteGroupedAsync("oUser", s => s.ExecuteAsync("INSERT INTO grouped VALUES (2)"));
        var third = db.WriteGroupedAsync("oUser", s => s.ExecuteAsync("INSERT INTO grouped VALUES (3)"));
        holding.SetResult();

        var written = await Task.WhenAll(first, second, third);
        Assert.Equal([1, 1, 1], written);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, (await Assert.ThrowsAsync<PostgresException>(() => failing)).SqlState);
        var stored = await db.ReadAsync(s => s.QueryAsync("SELECT id FROM grouped ORDER BY id", r => r.GetInt64(0)));
        Assert.Equal([1L, 2L, 3L], stored);
    }
}
