using System.Text.Json.Nodes;
using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.ThirdParty;

/// <summary><c>api_component_token</c>: the component's secret and a verify ticket younger than 12 hours.</summary>
public sealed class ComponentTokenTests
{
    [Fact]
    public async Task Secret_and_fresh_ticket_give_a_component_token_for_7200_seconds()
    {
        await using var tp = await StartAsync();

        var body = await tp.ComponentTokenCallAsync(ComponentA);

        Assert.False(string.IsNullOrEmpty(Field(body, "component_access_token")));
        Assert.Equal(7200, body["expires_in"]!.GetValue<int>());
        Assert.Null(body["errcode"]);
    }

    [Fact]
    public async Task Missing_component_appid_answers_41018()
    {
        await using var tp = await StartAsync();

        var body = await tp.CallAsync("api_component_token", null,
            new JsonObject { ["component_appsecret"] = Secret(ComponentA), ["component_verify_ticket"] = Ticket(ComponentA) });

        AssertError(41018, body);
    }

    [Fact]
    public async Task Missing_secret_answers_41004()
    {
        await using var tp = await StartAsync();

        var body = await tp.CallAsync("api_component_token", null,
            new JsonObject { ["component_appid"] = ComponentA, ["component_verify_ticket"] = Ticket(ComponentA) });

        AssertError(41004, body);
    }

    [Fact]
    public async Task Missing_ticket_answers_40101()
    {
        await using var tp = await StartAsync();

        var body = await tp.CallAsync("api_component_token", null,
            new JsonObject { ["component_appid"] = ComponentA, ["component_appsecret"] = Secret(ComponentA) });

        AssertError(40101, body);
    }

    [Fact]
    public async Task Field_that_is_not_a_string_answers_40097()
    {
        await using var tp = await StartAsync();

        var body = await tp.CallAsync("api_component_token", null, new JsonObject
        {
            ["component_appid"] = ComponentA, ["component_appsecret"] = 12345, ["component_verify_ticket"] = Ticket(ComponentA),
        });

        AssertError(40097, body);
    }

    [Fact]
    public async Task Unknown_component_answers_61011()
    {
        await using var tp = await StartAsync();

        AssertError(61011, await tp.ComponentTokenCallAsync("wxnosuchcomponent", Secret(ComponentA), Ticket(ComponentA)));
    }

    [Fact]
    public async Task Wrong_secret_answers_40125()
    {
        await using var tp = await StartAsync();

        AssertError(40125, await tp.ComponentTokenCallAsync(ComponentA, secret: Secret(ComponentB)));
    }

    [Fact]
    public async Task Wrong_ticket_answers_61006()
    {
        await using var tp = await StartAsync();

        AssertError(61006, await tp.ComponentTokenCallAsync(ComponentA, ticket: Ticket(ComponentB)));
    }

    [Fact]
    public async Task Ticket_works_until_just_before_12_hours()
    {
        await using var tp = await StartAsync();

        tp.Time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));

        AssertOk(await tp.ComponentTokenCallAsync(ComponentA));
    }

    [Fact]
    public async Task Ticket_12_hours_old_answers_61005()
    {
        await using var tp = await StartAsync();

        tp.Time.Advance(TimeSpan.FromHours(12));

        AssertError(61005, await tp.ComponentTokenCallAsync(ComponentA));
    }

    [Fact]
    public async Task Ticket_received_through_the_admin_api_replaces_the_old_one_for_another_12_hours()
    {
        await using var tp = await StartAsync();
        tp.Time.Advance(TimeSpan.FromHours(13));

        var received = await tp.AdminAsync(HttpMethod.Post, $"/admin/components/{ComponentA}/ticket",
            new JsonObject { ["component_verify_ticket"] = "ticket@@@next" });

        AssertOk(received);
        AssertError(61006, await tp.ComponentTokenCallAsync(ComponentA));
        tp.Time.Advance(TimeSpan.FromHours(11));
        AssertOk(await tp.ComponentTokenCallAsync(ComponentA, ticket: "ticket@@@next"));
    }

    [Fact]
    public async Task Component_token_endpoint_with_GET_answers_43002()
    {
        await using var tp = await StartAsync();

        AssertError(43002, await tp.Server.GetJsonAsync("/cgi-bin/component/api_component_token"));
    }

    [Fact]
    public async Task New_component_token_leaves_the_previous_one_working_for_the_overlap()
    {
        await using var tp = await StartAsync();
        var first = await tp.ComponentTokenAsync(ComponentA);
        await tp.ComponentTokenAsync(ComponentA);
        var preAuth = new JsonObject { ["component_appid"] = ComponentA };

        AssertOk(await tp.CallAsync("api_create_preauthcode", first, preAuth));
        tp.Time.Advance(TimeSpan.FromMinutes(5));
        AssertError(40001, await tp.CallAsync("api_create_preauthcode", first, preAuth));
    }
}
