using System.Net;
using System.Text.Json;
using TcbPush.Protocol.Crypto;
using static TcbPush.Tests.Push.PushHarness;
using TcbPush.Server.Startup;

namespace TcbPush.Tests.Push;

/// <summary>
/// SPEC §6.1: URL verification, signatures, safe mode, malformed messages, dedupe.
/// Runs on SQLite here and on PostgreSQL in <see cref="Postgres.PostgresPushIngressTests"/>.
/// </summary>
public class PushIngressTests
{
    /// <summary>The PostgreSQL connection string to run on, or null for SQLite.</summary>
    protected virtual Task<string?> PostgresAsync() => Task.FromResult<string?>(null);

    [Fact]
    public async Task Url_verification_echoes_echostr_when_the_signature_is_the_apps()
    {
        await using var push = await StartAsync();

        using var response = await push.Server.Http.GetAsync($"/push/{SignedApp}{SignedQuery()}&echostr=abc123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc123", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Url_verification_with_a_wrong_signature_answers_401()
    {
        await using var push = await StartAsync();

        using var response = await push.Server.Http.GetAsync($"/push/{SignedApp}{SignedQuery("OtherToken")}&echostr=abc123");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Signed_push_is_answered_success_once_stored()
    {
        await using var push = await StartAsync();

        var (status, body) = await push.PushSignedAsync(SignedApp, TextXml("1001"));

        Assert.Equal((200, "success"), (status, body));
        Assert.Single(await push.DeliveriesAsync($"?appid={SignedApp}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492")]
    public async Task Push_with_a_missing_or_wrong_signature_answers_401_and_stores_nothing(string query)
    {
        await using var push = await StartAsync();

        var (status, _) = await push.PushAsync(SignedApp, TextXml("1002"), query);

        Assert.Equal(401, status);
        Assert.Empty(await push.DeliveriesAsync($"?appid={SignedApp}"));
    }

    [Fact]
    public async Task App_without_a_message_token_accepts_unsigned_pushes()
    {
        await using var push = await StartAsync();

        var (status, body) = await push.PushAsync(OpenApp, TextJson("1003"));

        Assert.Equal((200, "success"), (status, body));
    }

    [Theory]
    [InlineData("<xml><ToUserName><![CDATA[gh_1]]></ToUserName>")]
    [InlineData("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType></xml>")]
    [InlineData("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":"yesterday","MsgType":"text"}""")]
    [InlineData("not a message")]
    [InlineData("")]
    public async Task Malformed_message_answers_400_and_stores_nothing(string body)
    {
        await using var push = await StartAsync();

        var (status, reason) = await push.PushSignedAsync(SignedApp, body);

        Assert.Equal(400, status);
        Assert.NotEmpty(reason);
        Assert.Empty(await push.DeliveriesAsync($"?appid={SignedApp}"));
    }

    [Fact]
    public async Task Push_for_an_unknown_appid_answers_404()
    {
        await using var push = await StartAsync();

        var (status, body) = await push.PushAsync("wxnobody", TextXml("1004"));

        Assert.Equal((404, "unknown appid"), (status, body));
    }

    [Fact]
    public async Task Message_larger_than_the_body_limit_answers_413_and_stores_nothing()
    {
        await using var push = await StartAsync(adjust: o => o.BodyLimitBytes = 1024);

        var (status, _) = await push.PushAsync(OpenApp, TextXml("1005", new string('x', 2000)));

        Assert.Equal(413, status);
        Assert.Empty(await push.DeliveriesAsync($"?appid={OpenApp}"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Safe_mode_message_is_decrypted_and_delivered_in_plaintext(bool xml)
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(SafeApp, "env-ok", "/safe");

        var (status, body) = await push.PushSafeAsync(SafeApp, xml ? TextXml("2001", "secret hi") : TextJson("2001", "secret hi"));

        Assert.Equal((200, "success"), (status, body));
        var delivered = Assert.Single(await push.Sink.WaitForAsync("/ok/safe"));
        using var json = JsonDocument.Parse(delivered.Body);
        Assert.Equal("secret hi", json.RootElement.GetProperty("Content").GetString());
        Assert.Equal(2001, json.RootElement.GetProperty("MsgId").GetInt64());
    }

    [Fact]
    public async Task Safe_mode_with_a_wrong_msg_signature_answers_401_and_stores_nothing()
    {
        await using var push = await StartAsync();

        var (status, _) = await push.PushSafeAsync(SafeApp, TextXml("2002"), msgSignature: MessageSignature.Compute("x"));

        Assert.Equal(401, status);
        Assert.Empty(await push.DeliveriesAsync($"?appid={SafeApp}"));
    }

    [Fact]
    public async Task Safe_mode_message_encrypted_for_another_appid_answers_401()
    {
        await using var push = await StartAsync();

        var (status, body) = await push.PushSafeAsync(SafeApp, TextXml("2003"), encryptFor: "wxsomebodyelse");

        Assert.Equal(401, status);
        Assert.Contains("another appid", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Safe_mode_for_an_app_without_an_EncodingAESKey_answers_400()
    {
        await using var push = await StartAsync();

        var (status, _) = await push.PushSafeAsync(SignedApp, TextXml("2004"));

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task Safe_mode_envelope_without_Encrypt_answers_400()
    {
        await using var push = await StartAsync();

        var (status, body) = await push.PushAsync(SafeApp, "<xml><ToUserName><![CDATA[gh_1]]></ToUserName></xml>",
            SignedQuery() + "&encrypt_type=aes&msg_signature=00");

        Assert.Equal((400, "Encrypt is missing"), (status, body));
    }

    [Fact]
    public async Task Message_with_a_MsgId_seen_before_is_answered_success_and_stored_once()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/dedupe");

        var first = await push.PushAsync(OpenApp, TextXml("3001"));
        var again = await push.PushAsync(OpenApp, TextJson("3001", "same id, other body"));

        Assert.Equal((200, "success"), first);
        Assert.Equal((200, "success"), again);
        var delivery = Assert.Single(await push.DeliveriesAsync($"?appid={OpenApp}"))!;
        await push.WaitForStatusAsync((long)delivery["id"]!, "delivered", 1);
        Assert.Single(push.Sink.ReceivedUnder("/ok/dedupe"), r => !r.IsProbe);
    }

    [Fact]
    public async Task Event_with_the_same_sender_time_and_event_is_a_duplicate()
    {
        await using var push = await StartAsync();

        await push.PushAsync(OpenApp, EventXml("user_enter_tempsession", 1714036504));
        var again = await push.PushAsync(OpenApp, EventXml("user_enter_tempsession", 1714036504));
        await push.PushAsync(OpenApp, EventXml("user_enter_tempsession", 1714036505));
        await push.PushAsync(OpenApp, EventXml("user_enter_tempsession", 1714036504, from: "oUser0002"));

        Assert.Equal((200, "success"), again);
        Assert.Equal(3, (await push.DeliveriesAsync($"?appid={OpenApp}")).Count);
    }

    [Fact]
    public async Task Duplicate_is_detected_after_a_restart()
    {
        await using var push = await StartAsync();
        await push.PushAsync(OpenApp, TextXml("3002"));

        await push.RestartAsync();
        var again = await push.PushAsync(OpenApp, TextXml("3002"));

        Assert.Equal((200, "success"), again);
        Assert.Single(await push.DeliveriesAsync($"?appid={OpenApp}"));
    }

    [Fact]
    public async Task Same_MsgId_is_new_again_after_the_24_hour_window()
    {
        await using var push = await StartAsync(fakeClock: true);
        await push.PushAsync(OpenApp, TextXml("3003"));

        push.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await push.PushAsync(OpenApp, TextXml("3003"));

        Assert.Equal(2, (await push.DeliveriesAsync($"?appid={OpenApp}")).Count);
    }

    private async Task<PushHarness> StartAsync(bool fakeClock = false, Action<TcbPushOptions>? adjust = null) =>
        await PushHarness.StartAsync(fakeClock, adjust, await PostgresAsync());
}
