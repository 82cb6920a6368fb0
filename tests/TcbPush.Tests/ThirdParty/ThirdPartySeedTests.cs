using Microsoft.Extensions.Time.Testing;
using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.ThirdParty;

/// <summary>Seeded components and authorizations: idempotent, and the seed's ticket counts as received at start-up.</summary>
public sealed class ThirdPartySeedTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("tcbpush-test-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Applying_the_same_seed_again_changes_no_authorization()
    {
        long grantedAt;
        await using (var first = await StartAsync(Seed(), time, data))
        {
            grantedAt = await GrantedAtAsync(first, AppA);
        }
        time.Advance(TimeSpan.FromHours(1));

        await using var second = await StartAsync(Seed(), time, data);

        Assert.Equal(grantedAt, await GrantedAtAsync(second, AppA));
        AssertOk(await second.AuthorizerTokenCallAsync(ComponentA, AppA));
    }

    [Fact]
    public async Task Seed_ticket_counts_as_received_at_each_start()
    {
        await using (await StartAsync(Seed(), time, data))
        {
        }
        time.Advance(TimeSpan.FromHours(13));

        await using var restarted = await StartAsync(Seed(), time, data);

        AssertOk(await restarted.ComponentTokenCallAsync(ComponentA));
    }

    [Fact]
    public async Task Changed_component_secret_in_the_seed_is_updated()
    {
        await using (await StartAsync(Seed(), time, data))
        {
        }
        var changed = Seed();
        changed["components"]![0]!["component_appsecret"] = "rotated-secret";

        await using var restarted = await StartAsync(changed, time, data);

        AssertError(40125, await restarted.ComponentTokenCallAsync(ComponentA));
        AssertOk(await restarted.ComponentTokenCallAsync(ComponentA, secret: "rotated-secret"));
    }

    [Fact]
    public async Task Seed_restores_a_revoked_authorization_with_its_refresh_token()
    {
        await using (var first = await StartAsync(Seed(), time, data))
        {
            await first.AdminAsync(HttpMethod.Delete, $"/admin/authorizations/{ComponentA}/{AppA}");
        }

        await using var restarted = await StartAsync(Seed(), time, data);

        AssertOk(await restarted.SetConfigAsync(await restarted.AuthorizerTokenAsync(ComponentA, AppA)));
    }

    [Fact]
    public async Task Seed_authorization_without_a_refresh_token_stops_the_start()
    {
        var seed = Seed();
        seed["authorizations"]![0]!.AsObject().Remove("authorizer_refresh_token");

        await Assert.ThrowsAsync<InvalidDataException>(() => StartAsync(seed, time, data));
    }

    [Fact]
    public async Task Seed_authorization_of_an_unregistered_app_stops_the_start()
    {
        var seed = Seed();
        seed["authorizations"]!.AsArray().Add(Authorization(ComponentA, "wxnotregistered", 49));

        await Assert.ThrowsAsync<InvalidDataException>(() => StartAsync(seed, time, data));
    }

    private static async Task<long> GrantedAtAsync(ThirdPartyServer server, string app)
    {
        var listed = await server.AdminAsync(HttpMethod.Get, "/admin/authorizations");
        return listed["authorizations"]!.AsArray().Single(a => a!["authorizer_appid"]!.GetValue<string>() == app)!["granted_at"]!.GetValue<long>();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
