using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Push;
using TcbPush.Server.Storage;
using TcbPush.Server.Storage.Sqlite;

namespace TcbPush.Tests.Push;

/// <summary>How the worker claims deliveries from storage: under a lease, oldest due first, within per-target limits.</summary>
public sealed class DeliveryClaimTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly string folder = Directory.CreateTempSubdirectory("tcbpush-claims-").FullName;
    private SqliteDatabase? db;
    private SqlPushStore store = null!;

    public Task InitializeAsync()
    {
        db = SqliteDatabase.Open(folder, NullLogger.Instance);
        store = new SqlPushStore(db);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Claimed_delivery_is_not_claimed_again_while_its_lease_runs()
    {
        await AcceptAsync("m1", "http://a/x");
        Assert.Single(await ClaimAsync(Now));

        Assert.Empty(await ClaimAsync(Now + Lease - TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task Claimed_delivery_is_claimed_again_once_its_lease_runs_out()
    {
        var id = (await AcceptAsync("m1", "http://a/x")).DeliveryId;
        await ClaimAsync(Now);

        var again = Assert.Single(await ClaimAsync(Now + Lease));

        Assert.Equal(id, again.Id);
        Assert.Equal(0, again.Attempts);
    }

    [Fact]
    public async Task Claim_takes_no_more_for_a_target_than_its_free_slots()
    {
        for (var i = 0; i < 5; i++)
        {
            await AcceptAsync($"slow{i}", "http://slow/x");
        }
        await AcceptAsync("fast", "http://fast/x");

        var claimed = await ClaimAsync(Now, inFlight: new Dictionary<string, int> { ["http://slow/x"] = 1 }, perTarget: 3);

        Assert.Equal(2, claimed.Count(c => c.TargetUrl == "http://slow/x"));
        Assert.Single(claimed, c => c.TargetUrl == "http://fast/x");
    }

    [Fact]
    public async Task Unrouted_message_is_never_claimed()
    {
        await store.AcceptAsync(Message("m1"), DeliveryRoute.Unrouted("no route"), Now, Now.AddDays(1));

        Assert.Empty(await ClaimAsync(Now.AddDays(1)));
    }

    [Fact]
    public async Task Expired_dedupe_identities_are_pruned_and_then_accepted_again()
    {
        await AcceptAsync("m1", "http://a/x");

        Assert.Equal(1, await store.PruneDedupeAsync(Now.AddDays(1)));
        Assert.Equal(DeliveryStatus.Pending, (await store.AcceptAsync(Message("m1"), Route("http://a/x"), Now.AddDays(1), Now.AddDays(2))).Status);
    }

    private Task<AcceptedMessage> AcceptAsync(string msgId, string target) => store.AcceptAsync(Message(msgId), Route(target), Now, Now.AddDays(1));

    private Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DateTimeOffset at, Dictionary<string, int>? inFlight = null, int perTarget = 4) =>
        store.ClaimAsync(new DeliveryClaim(at, at + Lease, 10, perTarget, inFlight ?? [], 64));

    private static InboundMessage Message(string msgId) =>
        new("wxapp", msgId, "text", "", "oUser", MessageFormat.Json, Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}"));

    private static DeliveryRoute Route(string url) => new(DeliveryRoute.Container, url, "env", MessageFormat.Json, null);

    public async Task DisposeAsync()
    {
        await db!.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
