using Microsoft.Extensions.Time.Testing;
using TcbPush.Client;
using TcbPush.Protocol;

namespace TcbPush.Tests.Client;

/// <summary>WeChat's wire quirks that a TcbPush server never produces, on a stub handler.</summary>
public sealed class WireQuirksTests
{
    private const string Token = """{"access_token":"t1","expires_in":7200}""";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Trailing_comma_in_an_answer_is_accepted()
    {
        var stub = new StubHandler().Answer("/cgi-bin/token", Token).Answer("/tcb/setcallbackconfig", """{"errcode": 0, "errmsg": "ok",}""");

        await Client(stub).SetCallbackConfigAsync(new SetCallbackConfigRequest(FunctionConfig: FunctionConfig.Default));

        Assert.Equal(1, stub.Count("/tcb/setcallbackconfig"));
    }

    [Fact]
    public async Task Numbers_sent_as_strings_are_read_as_numbers()
    {
        var stub = new StubHandler()
            .Answer("/cgi-bin/token", """{"access_token":"t1","expires_in":"7200",}""")
            .Answer("/tcb/getcallbackconfig", """
                {"errcode":"0","errmsg":"ok","data":{"function_config":{"enable":false,"callbacks":[],},
                 "container_config":{"enable":true,"qbase_env":"e","qbase_container_path":"/p","text_mode":"2"}}}
                """);
        var client = Client(stub);

        var token = await client.GetAccessTokenAsync();
        var config = await client.GetCallbackConfigAsync();

        Assert.Equal(7200, token.ExpiresIn);
        Assert.Equal(ContainerConfig.Xml, config.ContainerConfig.TextMode);
    }

    [Fact]
    public async Task Errcode_sent_as_a_string_is_an_error()
    {
        var stub = new StubHandler().Answer("/cgi-bin/token", """{"errcode":"40013","errmsg":"invalid appid rid: 6747b2c0-0a0b0c0d-01020304"}""");

        var error = await Assert.ThrowsAsync<WeChatException>(() => Client(stub).GetAccessTokenAsync());

        Assert.Equal(ErrCode.InvalidAppId, error.ErrCode);
        Assert.Equal("6747b2c0-0a0b0c0d-01020304", error.Rid);
    }

    [Fact]
    public async Task System_busy_is_retried_with_doubling_delays()
    {
        var stub = new StubHandler(time).Answer("/cgi-bin/token",
            """{"errcode":-1,"errmsg":"system error"}""", """{"errcode":-1,"errmsg":"system error"}""", Token);
        var call = Client(stub).GetAccessTokenAsync();

        await AdvanceUntilDoneAsync(call);

        Assert.Equal("t1", (await call).AccessToken);
        var at = stub.Received.Select(r => r.At).ToList();
        Assert.Equal(3, at.Count);
        Assert.InRange(at[1] - at[0], TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(999));
        Assert.InRange(at[2] - at[1], TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1999));
    }

    [Fact]
    public async Task System_busy_past_the_retry_limit_throws_minus_1()
    {
        var stub = new StubHandler(time).Answer("/cgi-bin/token", """{"errcode":-1,"errmsg":"system error rid: 6747b2c0-0a0b0c0d-01020304"}""");
        var call = Client(stub, new TcbPushClientOptions { MaxRetries = 2 }).GetAccessTokenAsync();

        await AdvanceUntilDoneAsync(call);

        var error = await Assert.ThrowsAsync<WeChatException>(() => call);
        Assert.Equal(ErrCode.SystemBusy, error.ErrCode);
        Assert.Equal(3, stub.Count("/cgi-bin/token"));
    }

    [Fact]
    public async Task Other_errcodes_are_not_retried()
    {
        var stub = new StubHandler(time).Answer("/cgi-bin/token", """{"errcode":-1000,"errmsg":"system error"}""");

        await Assert.ThrowsAsync<WeChatException>(() => Client(stub).GetAccessTokenAsync());

        Assert.Equal(1, stub.Count("/cgi-bin/token"));
    }

    [Fact]
    public async Task Answer_that_is_not_json_throws_HttpRequestException()
    {
        var stub = new StubHandler().Answer("/cgi-bin/token", "<html>bad gateway</html>");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Client(stub).GetAccessTokenAsync());

        Assert.Contains("bad gateway", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid args: callbacks[0].env rid: 6747b2c0-0a0b0c0d-01020304", "6747b2c0-0a0b0c0d-01020304")]
    [InlineData("invalid credential, access_token is invalid or not latest rid: 5f3a2b1c-ffffffff-00000000", "5f3a2b1c-ffffffff-00000000")]
    [InlineData("invalid args", null)]
    [InlineData("rid: not-a-rid", null)]
    public void Rid_is_parsed_from_the_errmsg_suffix(string errMsg, string? rid)
    {
        Assert.Equal(rid, new WeChatException(40097, errMsg).Rid);
    }

    [Fact]
    public async Task Query_parameters_are_escaped()
    {
        var stub = new StubHandler().Answer("/cgi-bin/token", Token);

        await Client(stub, new TcbPushClientOptions { AppId = "wx app", AppSecret = "a&b=c" }).GetAccessTokenAsync();

        Assert.Equal("?grant_type=client_credential&appid=wx%20app&secret=a%26b%3Dc", stub.Received.Single().Query);
    }

    [Fact]
    public async Task Admin_answer_without_a_required_field_throws_HttpRequestException()
    {
        var stub = new StubHandler().Answer("/admin/apps", """{"errcode":0,"errmsg":"ok","apps":[{"appid":"wx1"}]}""");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Admin(stub).ListAppsAsync());

        Assert.Contains("AppList", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_times_are_read_in_their_wire_format()
    {
        var stub = new StubHandler().Answer("/admin/deliveries/7", """
            {"errcode":0,"errmsg":"ok","delivery":{"id":7,"appid":"wx1","msg_id":"1","msg_type":"text","event":"","status":"delivered",
             "target":"container","target_url":"http://127.0.0.1:9/c","attempts":1,"next_attempt_at":null,
             "created_at":"2026-11-28T01:00:00.123Z","updated_at":"2026-11-28T01:00:01.000Z","last_status":200,"last_error":null,"replay_of":null},
             "attempts":[]}
            """);

        var detail = await Admin(stub).GetDeliveryAsync(7);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 1, 0, 0, 123, TimeSpan.Zero), detail.Delivery.CreatedAt);
        Assert.Null(detail.Delivery.NextAttemptAt);
    }

    private static TcbPushAdminClient Admin(StubHandler stub) =>
        new(new HttpClient(stub), new TcbPushClientOptions { BaseAddress = new Uri("http://127.0.0.1:9"), AdminKey = "key" });

    private WeChatClient Client(StubHandler stub, TcbPushClientOptions? options = null)
    {
        options ??= new TcbPushClientOptions();
        options.AppId ??= "wxquirks";
        options.AppSecret ??= "secret";
        return new WeChatClient(new HttpClient(stub), options, timeProvider: time);
    }

    /// <summary>Moves the fake clock in small steps until the call ends (its retry delays are timers on that clock).</summary>
    private async Task AdvanceUntilDoneAsync(Task call)
    {
        for (var step = 0; !call.IsCompleted && step < 1000; step++)
        {
            await Task.Delay(1, CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(50));
        }
        Assert.True(call.IsCompleted, "the call did not finish");
    }
}
