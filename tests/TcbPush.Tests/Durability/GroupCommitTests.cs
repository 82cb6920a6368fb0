using Microsoft.Extensions.Logging.Abstractions;
using TcbPush.Server.Storage.Sqlite;

namespace TcbPush.Tests.Durability;

/// <summary>
/// The SQLite writer's group commit: a write is answered only after the COMMIT that made it durable, unless it asked
/// not to wait for the disk (a delivery claim), which is answered as soon as it ran, before that COMMIT.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadlock = TimeSpan.FromSeconds(30);
    private readonly string folder = Directory.CreateTempSubdirectory("tcbpush-group-commit-").FullName;
    private SqliteDatabase db = null!;

    public async Task InitializeAsync()
    {
        db = SqliteDatabase.Open(folder, NullLogger.Instance);
        await db.WriteAsync(s => s.ExecuteAsync("CREATE TABLE probe (v TEXT NOT NULL)"));
    }

    [Fact]
    public async Task A_write_that_does_not_wait_for_the_disk_is_answered_before_its_group_commits_a_durable_one_only_after()
    {
        using var firstRunning = new ManualResetEventSlim();
        using var releaseFirst = new ManualResetEventSlim();
        using var releaseLast = new ManualResetEventSlim();
        // Holds the writer in a first commit so that the next three writes queue up and share the second one.
        var first = db.WriteAsync(s =>
        {
            firstRunning.Set();
            releaseFirst.Wait();
            return ValueTask.FromResult(0);
        });
        Assert.True(firstRunning.Wait(Deadlock));
        var durable = db.WriteAsync(s => s.ExecuteAsync("INSERT INTO probe (v) VALUES ('durable')"));
        var claim = db.WriteWithoutWaitingForDiskAsync(s => s.ExecuteAsync("INSERT INTO probe (v) VALUES ('claim')"));
        var last = db.WriteAsync(s =>
        {
            releaseLast.Wait();
            return ValueTask.FromResult(0);
        });
        try
        {
            releaseFirst.Set();
            await first.WaitAsync(Deadlock);

            Assert.Equal(1, await claim.WaitAsync(Deadlock));
            Assert.False(durable.IsCompleted, "a durable write ran before the claim, but its COMMIT has not happened yet");
            Assert.Equal(0, await CountAsync());
        }
        finally
        {
            releaseFirst.Set();
            releaseLast.Set();
        }
        Assert.Equal(1, await durable.WaitAsync(Deadlock));
        await last.WaitAsync(Deadlock);
        Assert.Equal(2, await CountAsync());
    }

    private async Task<long> CountAsync() =>
        (await db.ReadAsync(s => s.QueryAsync("SELECT count(*) FROM probe", r => r.GetInt64(0)))).Single();

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
