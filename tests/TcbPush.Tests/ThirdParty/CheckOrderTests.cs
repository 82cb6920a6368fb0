using static TcbPush.Tests.ThirdParty.ThirdPartyServer;

namespace TcbPush.Tests.ThirdParty;

/// <summary>
/// SPEC §2's check order, row by row, through real HTTP on both surfaces: each request fails its row's check and
/// every later one it reaches (a GET has no body either; an authorizer's app has spent its minute quota), and the
/// earliest failing row answers, with a rid.
/// </summary>
public sealed class CheckOrderTests
{
    private const string SetConfig = "/tcb/setcallbackconfig";
    private const string QueryAuth = "/cgi-bin/component/api_query_auth";

    [Theory]
    [InlineData("no token", 41001)]
    [InlineData("forged token", 40014)]
    [InlineData("superseded token past the overlap", 40001)]
    [InlineData("expired token", 42001)]
    [InlineData("component token", 48001)]
    [InlineData("authorizer token of a revoked authorization, the app's quota spent", 61003)]
    [InlineData("authorizer token without set 49 or 64, the app's quota spent", 61007)]
    [InlineData("app whose minute quota is spent", 45011)]
    [InlineData("good app token", 43002)]
    public async Task Tcb_surface_answers_a_GET_with_the_first_failing_check(string caller, int errcode)
    {
        await using var tp = await StartAsync(configure: o => o.RateLimitPerMinute = 1);
        var token = await TcbTokenAsync(tp, caller);

        AssertError(errcode, await tp.Server.GetJsonAsync(SetConfig + TokenQuery("access_token", token)));
    }

    [Theory]
    [InlineData("", 44002)]
    [InlineData("[]", 47001)]
    [InlineData("{}", 40101)]
    [InlineData("""{"container_config":{"enable":"yes"}}""", 40097)]
    public async Task Tcb_surface_checks_the_body_after_the_method(string body, int errcode)
    {
        await using var tp = await StartAsync(configure: o => o.RateLimitPerMinute = 1);
        var token = await tp.Server.TokenAsync(AppOwn);

        AssertError(errcode, await tp.Server.PostJsonAsync(SetConfig + TokenQuery("access_token", token), body));
    }

    [Theory]
    [InlineData("no token", 41001)]
    [InlineData("forged token", 40014)]
    [InlineData("superseded token past the overlap", 40001)]
    [InlineData("expired token", 42001)]
    [InlineData("authorizer token", 48001)]
    [InlineData("app token", 48001)]
    [InlineData("good component token", 43002)]
    public async Task Component_surface_answers_a_GET_with_the_first_failing_check(string caller, int errcode)
    {
        await using var tp = await StartAsync();
        var token = await ComponentSurfaceTokenAsync(tp, caller);

        AssertError(errcode, await tp.Server.GetJsonAsync(QueryAuth + TokenQuery("component_access_token", token)));
    }

    [Theory]
    [InlineData("", 44002)]
    [InlineData("[]", 47001)]
    [InlineData("{}", 41018)]
    [InlineData("""{"component_appid":42}""", 40097)]
    [InlineData($$"""{"component_appid":"{{ComponentA}}"}""", 40101)]
    [InlineData($$"""{"component_appid":"{{ComponentB}}"}""", 40101)]
    [InlineData($$"""{"component_appid":"{{ComponentB}}","authorization_code":"queryauthcode@@@x"}""", 48001)]
    public async Task Component_surface_checks_the_body_after_the_method_and_its_component_last(string body, int errcode)
    {
        await using var tp = await StartAsync();
        var token = await tp.ComponentTokenAsync(ComponentA);

        AssertError(errcode, await tp.Server.PostJsonAsync(QueryAuth + TokenQuery("component_access_token", token), body));
    }

    private static string TokenQuery(string parameter, string? token) =>
        token is null ? "" : $"?{parameter}={Uri.EscapeDataString(token)}";

    private static async Task<string?> TcbTokenAsync(ThirdPartyServer tp, string caller)
    {
        switch (caller)
        {
            case "no token":
                return null;
            case "forged token":
                return "AAAAthis-is-not-a-token";
            case "superseded token past the overlap":
                var first = await tp.Server.TokenAsync(AppOwn);
                await tp.Server.TokenAsync(AppOwn);
                tp.Time.Advance(TimeSpan.FromMinutes(5));
                return first;
            case "expired token":
                var expiring = await tp.Server.TokenAsync(AppOwn);
                tp.Time.Advance(TimeSpan.FromSeconds(7200));
                return expiring;
            case "component token":
                return await tp.ComponentTokenAsync(ComponentA);
            case "authorizer token of a revoked authorization, the app's quota spent":
                await SpendQuotaAsync(tp, AppA);
                var revoked = await tp.AuthorizerTokenAsync(ComponentA, AppA);
                AssertOk(await tp.AdminAsync(HttpMethod.Delete, $"/admin/authorizations/{ComponentA}/{AppA}"));
                return revoked;
            case "authorizer token without set 49 or 64, the app's quota spent":
                await SpendQuotaAsync(tp, AppB);
                return await tp.AuthorizerTokenAsync(ComponentA, AppB);
            case "app whose minute quota is spent":
                return await SpendQuotaAsync(tp, AppOwn);
            case "good app token":
                return await tp.Server.TokenAsync(AppOwn);
            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller, "no such row");
        }
    }

    /// <summary>Spends the app's one call a minute with its own token, which it returns.</summary>
    private static async Task<string> SpendQuotaAsync(ThirdPartyServer tp, string app)
    {
        var token = await tp.Server.TokenAsync(app);
        AssertOk(await tp.GetConfigAsync(token));
        return token;
    }

    private static async Task<string?> ComponentSurfaceTokenAsync(ThirdPartyServer tp, string caller)
    {
        switch (caller)
        {
            case "no token":
                return null;
            case "forged token":
                return "AAAAthis-is-not-a-token";
            case "superseded token past the overlap":
                var first = await tp.ComponentTokenAsync(ComponentA);
                await tp.ComponentTokenAsync(ComponentA);
                tp.Time.Advance(TimeSpan.FromMinutes(5));
                return first;
            case "expired token":
                var expiring = await tp.ComponentTokenAsync(ComponentA);
                tp.Time.Advance(TimeSpan.FromSeconds(7200));
                return expiring;
            case "authorizer token":
                return await tp.AuthorizerTokenAsync(ComponentA, AppA);
            case "app token":
                return await tp.Server.TokenAsync(AppOwn);
            case "good component token":
                return await tp.ComponentTokenAsync(ComponentA);
            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller, "no such row");
        }
    }
}
