using Microsoft.Extensions.DependencyInjection;
using static TcbPush.Tests.ThirdParty.ThirdPartyServer;
using TcbPush.Server.Component;

namespace TcbPush.Tests.ThirdParty;

/// <summary>Revoking an authorization stops its tokens and refresh token at once; granting it again restores it.</summary>
public sealed class RevocationTests
{
    private const string RevokeA = $"/admin/authorizations/{ComponentA}/{AppA}";

    [Fact]
    public async Task Revoked_authorization_answers_61003_on_the_tcb_endpoints_at_once()
    {
        await using var tp = await StartAsync();
        var token = await tp.AuthorizerTokenAsync(ComponentA, AppA);
        AssertOk(await tp.SetConfigAsync(token));

        AssertOk(await tp.AdminAsync(HttpMethod.Delete, RevokeA));

        AssertError(61003, await tp.SetConfigAsync(token));
        AssertError(61003, await tp.GetConfigAsync(token));
    }

    [Fact]
    public async Task Removing_the_authorizer_app_revokes_its_authorizations()
    {
        await using var tp = await StartAsync();
        var token = await tp.AuthorizerTokenAsync(ComponentA, AppA);

        AssertOk(await tp.AdminAsync(HttpMethod.Delete, $"/admin/apps/{AppA}"));

        AssertError(61003, await tp.SetConfigAsync(token));
        AssertError(61003, await tp.AuthorizerTokenCallAsync(ComponentA, AppA));
    }

    [Fact]
    public async Task Revocation_by_another_node_takes_effect_within_10_seconds()
    {
        await using var tp = await StartAsync();
        var token = await tp.AuthorizerTokenAsync(ComponentA, AppA);
        AssertOk(await tp.SetConfigAsync(token));

        // Another node sharing the database revokes: this node's cache is not told.
        await tp.Server.Services.GetRequiredService<IAuthorizationStore>().RevokeAsync(ComponentA, AppA, tp.Time.GetUtcNow());
        tp.Time.Advance(TimeSpan.FromSeconds(10));

        AssertError(61003, await tp.SetConfigAsync(token));
    }

    [Fact]
    public async Task Revoked_authorization_answers_61003_on_api_authorizer_token()
    {
        await using var tp = await StartAsync();

        await tp.AdminAsync(HttpMethod.Delete, RevokeA);

        AssertError(61003, await tp.AuthorizerTokenCallAsync(ComponentA, AppA));
    }

    [Fact]
    public async Task Revocation_leaves_the_apps_configuration_and_its_own_token_alone()
    {
        await using var tp = await StartAsync();
        AssertOk(await tp.SetConfigAsync(await tp.AuthorizerTokenAsync(ComponentA, AppA), "beforeRevoke"));

        await tp.AdminAsync(HttpMethod.Delete, RevokeA);

        Assert.Equal("beforeRevoke", await tp.ConfiguredFunctionAsync(await tp.Server.TokenAsync(AppA)));
    }

    [Fact]
    public async Task Revoking_again_changes_nothing()
    {
        await using var tp = await StartAsync();
        await tp.AdminAsync(HttpMethod.Delete, RevokeA);

        var again = await tp.AdminAsync(HttpMethod.Delete, RevokeA);

        Assert.False(again["changed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Re_granted_authorization_serves_its_new_refresh_token_and_the_old_answers_61023()
    {
        await using var tp = await StartAsync();
        await tp.AdminAsync(HttpMethod.Delete, RevokeA);
        var regrant = Authorization(ComponentA, AppA, 49);
        regrant["authorizer_refresh_token"] = "refreshtoken@@@regranted";

        var granted = await tp.AdminAsync(HttpMethod.Post, "/admin/authorizations", regrant);

        Assert.Equal("refreshtoken@@@regranted", Field(granted, "authorizer_refresh_token"));
        AssertError(61023, await tp.AuthorizerTokenCallAsync(ComponentA, AppA, RefreshToken(AppA)));
        AssertOk(await tp.SetConfigAsync(await tp.AuthorizerTokenAsync(ComponentA, AppA, "refreshtoken@@@regranted")));
    }

    [Fact]
    public async Task Re_grant_without_49_or_64_answers_61007_at_once()
    {
        await using var tp = await StartAsync();
        var token = await tp.AuthorizerTokenAsync(ComponentA, AppA);
        AssertOk(await tp.SetConfigAsync(token));

        await tp.AdminAsync(HttpMethod.Post, "/admin/authorizations", Authorization(ComponentA, AppA, 18));

        AssertError(61007, await tp.SetConfigAsync(token));
    }
}
