using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TcbPush.Protocol;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.CallbackConfig;

/// <summary>setcallbackconfig and getcallbackconfig on the wire: the envelope, the body rules, the path check.</summary>
public sealed partial class SetCallbackConfigTests : IAsyncLifetime
{
    private const string App = "wx00000000000000s1";
    private Sink sink = null!;
    private TestServer server = null!;
    private string token = null!;

    public async Task InitializeAsync()
    {
        sink = await Sink.StartAsync();
        server = await TestServer.StartAsync(TestServer.Seed(sink.Url, App));
        token = await server.TokenAsync(App);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await sink.DisposeAsync();
    }

    [Fact]
    public async Task Errors_carry_a_rid_of_three_hex_groups_with_the_time_first()
    {
        var answer = await SetAsync("[]");
        var match = RidPattern().Match(answer["errmsg"]!.GetValue<string>());

        Assert.True(match.Success, answer["errmsg"]!.GetValue<string>());
        var seconds = Convert.ToInt64(match.Groups[1].Value, 16);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds, -5, 60);
    }

    [Fact]
    public async Task Responses_are_json_with_status_200()
    {
        using var response = await server.Http.PostAsync($"/tcb/setcallbackconfig?access_token={token}", new StringContent("nope"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Body_is_read_whatever_its_content_type()
    {
        var content = new StringContent("""{"container_config":{"enable":false,"qbase_container_path":"/plain"}}""", Encoding.UTF8, "text/plain");
        using var response = await server.Http.PostAsync($"/tcb/setcallbackconfig?access_token={token}", content);

        Assert.Equal(0, (await TestServer.ReadObjectAsync(response))["errcode"]!.GetValue<int>());
        Assert.Equal("/plain", (await GetAsync())["container_config"]!["qbase_container_path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trailing_commas_are_tolerated()
    {
        var answer = await SetAsync("""{"container_config":{"enable":false,"qbase_container_path":"/comma",},}""");

        Assert.Equal(0, answer["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Body_over_one_mebibyte_is_40097_and_changes_nothing()
    {
        var padding = new string(' ', 1024 * 1024);
        var answer = await SetAsync("""{"container_config":{"enable":false,"qbase_container_path":"/big"}""" + padding + "}");

        Assert.Equal(ErrCode.InvalidArgs, answer["errcode"]!.GetValue<int>());
        Assert.Equal("", (await GetAsync())["container_config"]!["qbase_container_path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Body_over_the_limit_without_content_length_is_40097()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/tcb/setcallbackconfig?access_token={token}")
        {
            Content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024])),
        };
        request.Headers.TransferEncodingChunked = true;
        using var response = await server.Http.SendAsync(request);

        Assert.Equal(ErrCode.InvalidArgs, (await TestServer.ReadObjectAsync(response))["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_utf8_is_47001() =>
        Assert.Equal(ErrCode.DataFormatError, (await SetAsync(new byte[] { 0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d }))["errcode"]!.GetValue<int>());

    [Fact]
    public async Task Empty_access_token_is_41001() =>
        Assert.Equal(ErrCode.AccessTokenMissing, (await server.PostJsonAsync("/tcb/setcallbackconfig?access_token=", "{}"))["errcode"]!.GetValue<int>());

    [Fact]
    public async Task Token_is_checked_before_the_method()
    {
        var answer = await server.GetJsonAsync("/tcb/setcallbackconfig?access_token=forged");

        Assert.Equal(ErrCode.InvalidAccessToken, answer["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_with_GET_is_43002() =>
        Assert.Equal(ErrCode.RequirePost, (await server.GetJsonAsync($"/tcb/getcallbackconfig?access_token={token}"))["errcode"]!.GetValue<int>());

    [Fact]
    public async Task Get_with_a_non_json_body_is_47001() =>
        Assert.Equal(ErrCode.DataFormatError, (await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", "<xml/>"))["errcode"]!.GetValue<int>());

    [Fact]
    public async Task Container_change_sends_the_json_path_check_first()
    {
        await SetAsync("""{"container_config":{"enable":true,"qbase_env":"env-ok","qbase_container_path":"/probe-json","text_mode":1}}""");

        var probe = Assert.Single(sink.ReceivedUnder("/ok/probe-json"));
        Assert.Equal("""{"action":"CheckContainerPath"}""", probe.BodyText);
    }

    [Fact]
    public async Task Xml_container_gets_the_xml_path_check()
    {
        await SetAsync("""{"container_config":{"enable":true,"qbase_env":"env-ok","qbase_container_path":"/probe-xml","text_mode":2}}""");

        var probe = Assert.Single(sink.ReceivedUnder("/ok/probe-xml"));
        Assert.StartsWith("<xml><action>", probe.BodyText, StringComparison.Ordinal);
        Assert.Contains("CheckContainerPath", probe.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unchanged_container_is_not_probed_again()
    {
        const string body = """{"container_config":{"enable":true,"qbase_env":"env-ok","qbase_container_path":"/once","text_mode":1}}""";
        await SetAsync(body);
        await SetAsync(body);

        Assert.Single(sink.ReceivedUnder("/ok/once"));
    }

    [Fact]
    public async Task Failed_path_check_names_the_reason()
    {
        var answer = await SetAsync("""{"container_config":{"enable":true,"qbase_env":"env-fail","qbase_container_path":"/x"}}""");

        Assert.Contains("container path check failed", answer["errmsg"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unregistered_env_names_the_field()
    {
        var answer = await SetAsync("""{"function_config":{"callbacks":[{"msgType":"text","env":"nowhere","functionName":"f"}]}}""");

        Assert.Contains("env not exists", answer["errmsg"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabling_functions_while_the_stored_container_is_on_is_40097()
    {
        await SetAsync("""{"container_config":{"enable":true,"qbase_env":"env-ok","qbase_container_path":"/on"}}""");
        var answer = await SetAsync("""{"function_config":{"enable":true,"callbacks":[]}}""");

        Assert.Equal(ErrCode.InvalidArgs, answer["errcode"]!.GetValue<int>());
        Assert.False((await GetAsync())["function_config"]!["enable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Switching_from_container_to_functions_in_one_request_is_accepted()
    {
        await SetAsync("""{"container_config":{"enable":true,"qbase_env":"env-ok","qbase_container_path":"/on"}}""");
        var answer = await SetAsync("""{"container_config":{"enable":false},"function_config":{"enable":true,"callbacks":[{"msgType":"text","env":"env-ok","functionName":"f"}]}}""");

        Assert.Equal(0, answer["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rate_limit_answers_45011_when_configured()
    {
        await using var limited = await TestServer.StartAsync(TestServer.Seed(sink.Url, App), configure: o => o.RateLimitPerMinute = 2);
        var limitedToken = await limited.TokenAsync(App);
        var path = $"/tcb/getcallbackconfig?access_token={limitedToken}";

        Assert.Equal(0, (await limited.PostJsonAsync(path, null))["errcode"]!.GetValue<int>());
        Assert.Equal(0, (await limited.PostJsonAsync(path, null))["errcode"]!.GetValue<int>());
        Assert.Equal(ErrCode.MinuteQuota, (await limited.PostJsonAsync(path, null))["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task No_path_check_flag_stores_without_probing()
    {
        await using var unchecked_ = await TestServer.StartAsync(TestServer.Seed(sink.Url, App), configure: o => o.PathCheck = false);
        var answer = await unchecked_.PostJsonAsync($"/tcb/setcallbackconfig?access_token={await unchecked_.TokenAsync(App)}",
            """{"container_config":{"enable":true,"qbase_env":"env-fail","qbase_container_path":"/unprobed"}}""");

        Assert.Equal(0, answer["errcode"]!.GetValue<int>());
        Assert.Empty(sink.ReceivedUnder("/fail/unprobed"));
    }

    private Task<JsonObject> SetAsync(object body) => server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}", body);

    private async Task<JsonNode> GetAsync() => (await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", null))["data"]!;

    [GeneratedRegex(" rid: ([0-9a-f]{8})-[0-9a-f]{8}-[0-9a-f]{8}$")]
    private static partial Regex RidPattern();
}
