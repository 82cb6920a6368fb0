using System.Text.Json.Nodes;
using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.ThirdParty;

/// <summary>SPEC §2's check order on the component APIs that take a component token.</summary>
public sealed class ComponentEndpointCheckTests
{
    private static readonly JsonObject PreAuthBody = new() { ["component_appid"] = ComponentA };

    [Theory]
    [InlineData("component_access_token")]
    [InlineData("access_token")]
    public async Task Component_token_is_accepted_under_either_parameter_name(string parameter)
    {
        await using var tp = await StartAsync();
        var token = await tp.ComponentTokenAsync(ComponentA);

        var body = await tp.CallAsync("api_create_preauthcode", token, PreAuthBody, parameter);

        Assert.StartsWith("preauthcode@@@", Field(body, "pre_auth_code"), StringComparison.Ordinal);
        Assert.Equal(600, body["expires_in"]!.GetValue<int>());
    }

    [Fact]
    public async Task Missing_token_answers_41001()
    {
        await using var tp = await StartAsync();

        AssertError(41001, await tp.CallAsync("api_create_preauthcode", null, PreAuthBody));
    }

    [Fact]
    public async Task Missing_token_answers_41001_before_the_method_is_looked_at()
    {
        await using var tp = await StartAsync();

        AssertError(41001, await tp.Server.GetJsonAsync("/cgi-bin/component/api_authorizer_token"));
    }

    [Fact]
    public async Task Forged_token_answers_40014()
    {
        await using var tp = await StartAsync();

        AssertError(40014, await tp.CallAsync("api_create_preauthcode", "not-a-token", PreAuthBody));
    }

    [Fact]
    public async Task Component_token_past_its_lifetime_answers_42001()
    {
        await using var tp = await StartAsync();
        var token = await tp.ComponentTokenAsync(ComponentA);

        tp.Time.Advance(TimeSpan.FromSeconds(7200));

        AssertError(42001, await tp.CallAsync("api_create_preauthcode", token, PreAuthBody));
    }

    [Fact]
    public async Task Authorizer_token_on_a_component_endpoint_answers_48001()
    {
        await using var tp = await StartAsync();
        var authorizerToken = await tp.AuthorizerTokenAsync(ComponentA, AppA);

        AssertError(48001, await tp.CallAsync("api_create_preauthcode", authorizerToken, PreAuthBody));
    }

    [Fact]
    public async Task GET_answers_43002()
    {
        await using var tp = await StartAsync();
        var token = await tp.ComponentTokenAsync(ComponentA);

        AssertError(43002, await tp.Server.GetJsonAsync($"/cgi-bin/component/api_create_preauthcode?component_access_token={token}"));
    }

    [Fact]
    public async Task Empty_body_answers_44002()
    {
        await using var tp = await StartAsync();

        AssertError(44002, await tp.CallAsync("api_create_preauthcode", await tp.ComponentTokenAsync(ComponentA), null));
    }

    [Fact]
    public async Task Body_that_is_not_a_JSON_object_answers_47001()
    {
        await using var tp = await StartAsync();

        AssertError(47001, await tp.CallAsync("api_create_preauthcode", await tp.ComponentTokenAsync(ComponentA), new JsonArray(1)));
    }

    [Fact]
    public async Task Missing_component_appid_answers_41018()
    {
        await using var tp = await StartAsync();

        AssertError(41018, await tp.CallAsync("api_create_preauthcode", await tp.ComponentTokenAsync(ComponentA), new JsonObject()));
    }

    [Fact]
    public async Task Component_appid_that_is_not_a_string_answers_40097()
    {
        await using var tp = await StartAsync();

        AssertError(40097, await tp.CallAsync("api_create_preauthcode", await tp.ComponentTokenAsync(ComponentA),
            new JsonObject { ["component_appid"] = 42 }));
    }

    [Fact]
    public async Task Component_appid_of_another_component_answers_48001()
    {
        await using var tp = await StartAsync();

        AssertError(48001, await tp.CallAsync("api_create_preauthcode", await tp.ComponentTokenAsync(ComponentA),
            new JsonObject { ["component_appid"] = ComponentB }));
    }

    [Fact]
    public async Task Keys_are_matched_after_trimming_white_space()
    {
        await using var tp = await StartAsync();

        var body = await tp.CallAsync("api_create_preauthcode", await tp.ComponentTokenAsync(ComponentA),
            new JsonObject { [" component_appid "] = ComponentA });

        AssertOk(body);
    }
}
