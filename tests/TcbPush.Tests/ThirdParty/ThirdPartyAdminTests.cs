using System.Net;
using System.Text.Json.Nodes;
using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.ThirdParty;

/// <summary>The admin API for components, authorizations and authorization codes.</summary>
public sealed class ThirdPartyAdminTests
{
    [Theory]
    [InlineData("GET", "/admin/components")]
    [InlineData("POST", "/admin/components")]
    [InlineData("POST", $"/admin/components/{ComponentA}/ticket")]
    [InlineData("GET", "/admin/authorizations")]
    [InlineData("POST", "/admin/authorizations")]
    [InlineData("DELETE", $"/admin/authorizations/{ComponentA}/{AppA}")]
    [InlineData("POST", "/admin/authorization_codes")]
    public async Task Third_party_admin_endpoints_answer_401_without_the_admin_key(string method, string path)
    {
        await using var tp = await StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") };

        using var response = await tp.Server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Component_list_shows_ticket_times_but_no_secret_or_ticket()
    {
        await using var tp = await StartAsync();

        var listed = await tp.AdminAsync(HttpMethod.Get, "/admin/components");

        var component = listed["components"]!.AsArray().Single(c => c!["component_appid"]!.GetValue<string>() == ComponentA)!;
        Assert.Equal(tp.Time.GetUtcNow().ToUnixTimeSeconds() + 12 * 3600, component["ticket_expires_at"]!.GetValue<long>());
        Assert.DoesNotContain(Secret(ComponentA), listed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Ticket(ComponentA), listed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_list_shows_permission_sets_and_revocation_but_no_refresh_token()
    {
        await using var tp = await StartAsync();
        await tp.AdminAsync(HttpMethod.Delete, $"/admin/authorizations/{ComponentA}/{AppB}");

        var listed = await tp.AdminAsync(HttpMethod.Get, "/admin/authorizations");

        var all = listed["authorizations"]!.AsArray();
        var a = all.Single(x => x!["authorizer_appid"]!.GetValue<string>() == AppA)!;
        var b = all.Single(x => x!["authorizer_appid"]!.GetValue<string>() == AppB)!;
        Assert.Equal([18, 49], a["permission_sets"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Null(a["revoked_at"]);
        Assert.Equal(tp.Time.GetUtcNow().ToUnixTimeSeconds(), b["revoked_at"]!.GetValue<long>());
        Assert.DoesNotContain("refreshtoken@@@", listed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registered_component_gets_component_tokens()
    {
        await using var tp = await StartAsync();

        var registered = await tp.AdminAsync(HttpMethod.Post, "/admin/components", Component("wxcomponentnew"));

        Assert.True(registered["changed"]!.GetValue<bool>());
        AssertOk(await tp.ComponentTokenCallAsync("wxcomponentnew"));
    }

    [Fact]
    public async Task Registering_an_unchanged_component_again_changes_nothing()
    {
        await using var tp = await StartAsync();

        var again = await tp.AdminAsync(HttpMethod.Post, "/admin/components", Component(ComponentA));

        Assert.False(again["changed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Component_without_a_ticket_answers_40101()
    {
        await using var tp = await StartAsync();
        var component = Component("wxcomponentnew");
        component.Remove("component_verify_ticket");

        AssertError(40101, await tp.AdminAsync(HttpMethod.Post, "/admin/components", component));
    }

    [Fact]
    public async Task Ticket_for_an_unknown_component_answers_61011()
    {
        await using var tp = await StartAsync();

        AssertError(61011, await tp.AdminAsync(HttpMethod.Post, "/admin/components/wxnosuchcomponent/ticket",
            new JsonObject { ["component_verify_ticket"] = "ticket@@@x" }));
    }

    [Fact]
    public async Task Grant_without_a_refresh_token_returns_a_new_url_safe_one()
    {
        await using var tp = await StartAsync();
        var grant = Authorization(ComponentB, AppOwn, 49);
        grant.Remove("authorizer_refresh_token");

        var granted = await tp.AdminAsync(HttpMethod.Post, "/admin/authorizations", grant);

        Assert.True(granted["changed"]!.GetValue<bool>());
        Assert.Matches("^refreshtoken@@@[A-Za-z0-9_-]{43}$", Field(granted, "authorizer_refresh_token"));
        AssertOk(await tp.AuthorizerTokenCallAsync(ComponentB, AppOwn, Field(granted, "authorizer_refresh_token")));
    }

    [Fact]
    public async Task Grant_for_an_unregistered_app_answers_40013()
    {
        await using var tp = await StartAsync();

        AssertError(40013, await tp.AdminAsync(HttpMethod.Post, "/admin/authorizations", Authorization(ComponentA, "wxnotregistered", 49)));
    }

    [Fact]
    public async Task Grant_for_an_unknown_component_answers_61011()
    {
        await using var tp = await StartAsync();

        AssertError(61011, await tp.AdminAsync(HttpMethod.Post, "/admin/authorizations", Authorization("wxnosuchcomponent", AppA, 49)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[0]")]
    [InlineData("[-49]")]
    [InlineData("[\"49\"]")]
    [InlineData("49")]
    public async Task Grant_with_bad_permission_sets_answers_40097(string permissionSets)
    {
        await using var tp = await StartAsync();
        var grant = Authorization(ComponentA, AppA, 49);
        grant["permission_sets"] = JsonNode.Parse(permissionSets);

        AssertError(40097, await tp.AdminAsync(HttpMethod.Post, "/admin/authorizations", grant));
        AssertOk(await tp.AuthorizerTokenCallAsync(ComponentA, AppA));
    }

    [Fact]
    public async Task Authorization_code_for_an_unregistered_app_answers_40013()
    {
        await using var tp = await StartAsync();

        AssertError(40013, await tp.AdminAsync(HttpMethod.Post, "/admin/authorization_codes", new JsonObject
        {
            ["component_appid"] = ComponentA, ["authorizer_appid"] = "wxnotregistered", ["permission_sets"] = new JsonArray(49),
        }));
    }

    [Fact]
    public async Task Authorization_code_is_valid_600_seconds()
    {
        await using var tp = await StartAsync();

        var created = await tp.AdminAsync(HttpMethod.Post, "/admin/authorization_codes", new JsonObject
        {
            ["component_appid"] = ComponentA, ["authorizer_appid"] = AppOwn, ["permission_sets"] = new JsonArray(49),
        });

        Assert.Equal(600, created["expires_in"]!.GetValue<int>());
        Assert.Matches("^queryauthcode@@@[A-Za-z0-9_-]{43}$", Field(created, "authorization_code"));
    }
}
