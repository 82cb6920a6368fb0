using System.Text;
using System.Text.Json.Nodes;
using TcbPush.Protocol.Crypto;
using TcbPush.Protocol.Messages;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Conversations;

/// <summary>
/// SPEC §10.2 end to end, on the real clock: a target's answer is a passive reply; an official account's push is
/// answered with it within the synchronous window (plaintext or sealed in safe mode), else <c>success</c>; every
/// reply is recorded in the conversation as sent, ignored (mini programs) or invalid.
/// </summary>
public sealed class PassiveReplyTests
{
    private const string JsonReply = """{"ToUserName":"oUser0001","FromUserName":"gh_0123456789ab","CreateTime":1714036505,"MsgType":"text","Content":"echo: hi"}""";
    private const string XmlReply =
        "<xml><ToUserName><![CDATA[oUser0001]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName>" +
        "<CreateTime>1714036505</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[echo: hi]]></Content></xml>";

    [Fact]
    public async Task Official_account_JSON_push_is_answered_with_the_reply_in_JSON()
    {
        await using var push = await StartAsync();
        push.Sink.AnswerWith("/ok/oa", JsonReply);
        await push.SetContainerAsync(OfficialAccount, "env-ok", "/oa", textMode: 1);

        var (status, body) = await push.PushAsync(OfficialAccount, TextJson("7001"));

        Assert.Equal(200, status);
        var reply = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(("oUser0001", "gh_0123456789ab", "text", "echo: hi"),
            ((string?)reply["ToUserName"], (string?)reply["FromUserName"], (string?)reply["MsgType"], (string?)reply["Content"]));
    }

    [Fact]
    public async Task Official_account_XML_push_is_answered_in_XML_whatever_the_route_format()
    {
        await using var push = await StartAsync();
        push.Sink.AnswerWith("/ok/oa", JsonReply);
        await push.SetContainerAsync(OfficialAccount, "env-ok", "/oa", textMode: 1);

        var (status, body) = await push.PushAsync(OfficialAccount, TextXml("7002"));

        Assert.Equal(200, status);
        var reply = WeChatMessageCodec.Read(Encoding.UTF8.GetBytes(body), out var format);
        Assert.Equal(MessageFormat.Xml, format);
        Assert.Equal("echo: hi", (string?)reply["Content"]);
    }

    [Fact]
    public async Task XML_route_reply_is_read_as_XML()
    {
        await using var push = await StartAsync();
        push.Sink.AnswerWith("/ok/oax", XmlReply);
        await push.SetContainerAsync(OfficialAccount, "env-ok", "/oax", textMode: 2);

        var (_, body) = await push.PushAsync(OfficialAccount, TextXml("7003"));

        Assert.Contains("<Content><![CDATA[echo: hi]]></Content>", body, StringComparison.Ordinal);
        var entry = await push.Server.WaitForEntryAsync(OfficialAccount, e => (string?)e["via"] == "passive");
        Assert.Equal(("sent", "echo: hi"), ((string?)entry["status"], (string?)entry["text"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Safe_mode_push_is_answered_with_the_reply_sealed_for_the_app(bool xml)
    {
        await using var push = await StartAsync();
        await push.AddOfficialAccountAsync(SafeApp, MessageToken, EncodingAesKey);
        push.Sink.AnswerWith("/ok/safe", JsonReply);
        await push.SetContainerAsync(SafeApp, "env-ok", "/safe", textMode: 1);

        var (status, body) = await push.PushSafeAsync(SafeApp, xml ? TextXml("7004") : TextJson("7004"));

        Assert.Equal(200, status);
        var envelope = WeChatMessageCodec.Read(Encoding.UTF8.GetBytes(body), out var format);
        Assert.Equal(xml ? MessageFormat.Xml : MessageFormat.Json, format);
        var encrypted = (string)envelope["Encrypt"]!;
        var timestamp = envelope["TimeStamp"]!.ToString();
        var nonce = (string)envelope["Nonce"]!;
        Assert.Equal(MessageSignature.Compute(MessageToken, timestamp, nonce, encrypted), (string?)envelope["MsgSignature"]);
        var decrypted = new WeChatMessageCrypt(EncodingAesKey).Decrypt(encrypted);
        Assert.NotNull(decrypted);
        Assert.Equal(SafeApp, decrypted.AppId);
        var reply = WeChatMessageCodec.Read(decrypted.Message, out var innerFormat);
        Assert.Equal(format, innerFormat);
        Assert.Equal(("oUser0001", "echo: hi"), ((string?)reply["ToUserName"], (string?)reply["Content"]));
    }

    [Fact]
    public async Task Past_the_window_the_push_is_answered_success_and_the_reply_still_recorded()
    {
        await using var push = await StartAsync(TimeSpan.FromMilliseconds(200));
        push.Sink.AnswerWith("/slow/1500/oa", JsonReply);
        await push.AddEnvAsync("env-slow", "/slow/1500");
        await push.SetContainerAsync(OfficialAccount, "env-slow", "/oa", textMode: 1);

        Assert.Equal((200, "success"), await push.PushAsync(OfficialAccount, TextJson("7005")));

        var entry = await push.Server.WaitForEntryAsync(OfficialAccount, e => (string?)e["via"] == "passive");
        Assert.Equal("sent", (string?)entry["status"]);
    }

    [Fact]
    public async Task Target_answering_success_means_no_reply()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OfficialAccount, "env-ok", "/plain", textMode: 1);

        Assert.Equal((200, "success"), await push.PushAsync(OfficialAccount, TextJson("7006")));

        await push.Sink.WaitForAsync("/ok/plain");
        Assert.DoesNotContain(await push.Server.EntriesAsync(OfficialAccount), e => (string?)e!["via"] == "passive");
    }

    [Fact]
    public async Task Mini_program_passive_reply_is_recorded_as_ignored()
    {
        await using var push = await StartAsync();
        push.Sink.AnswerWith("/ok/mp", JsonReply);
        await push.SetContainerAsync(OpenApp, "env-ok", "/mp", textMode: 1);

        Assert.Equal((200, "success"), await push.PushAsync(OpenApp, TextJson("7007")));

        var entry = await push.Server.WaitForEntryAsync(OpenApp, e => (string?)e["via"] == "passive");
        Assert.Equal(("ignored", "passive replies are for official accounts only"), ((string?)entry["status"], (string?)entry["reason"]));
    }

    [Fact]
    public async Task Reply_to_another_user_is_recorded_as_invalid_and_the_push_answered_success()
    {
        await using var push = await StartAsync();
        push.Sink.AnswerWith("/ok/oa", JsonReply.Replace("oUser0001", "oSomeoneElse", StringComparison.Ordinal));
        await push.SetContainerAsync(OfficialAccount, "env-ok", "/oa", textMode: 1);

        Assert.Equal((200, "success"), await push.PushAsync(OfficialAccount, TextJson("7008")));

        var entry = await push.Server.WaitForEntryAsync(OfficialAccount, e => (string?)e["via"] == "passive");
        Assert.Equal("invalid", (string?)entry["status"]);
        Assert.Contains("ToUserName", (string?)entry["reason"], StringComparison.Ordinal);
        var delivery = Assert.Single(await push.DeliveriesAsync($"?appid={OfficialAccount}"))!;
        Assert.Equal("delivered", (string?)delivery["status"]);
    }

    [Fact]
    public async Task Function_route_reads_JSON_replies()
    {
        await using var push = await StartAsync();
        push.Sink.AnswerWith("/fn/bot", JsonReply);
        await push.SetFunctionAsync(OfficialAccount, "env-ok", "text", "", "bot");

        var (_, body) = await push.PushAsync(OfficialAccount, TextJson("7009"));

        Assert.Equal("echo: hi", (string?)JsonNode.Parse(body)!["Content"]);
    }

    [Fact]
    public async Task Simulated_message_is_answered_by_the_admin_API_and_its_reply_recorded()
    {
        await using var push = await StartAsync();
        push.Sink.AnswerWith("/ok/oa", JsonReply);
        await push.SetContainerAsync(OfficialAccount, "env-ok", "/oa", textMode: 1);

        await push.UserSaysAsync(OfficialAccount, "hi");

        var entry = await push.Server.WaitForEntryAsync(OfficialAccount, e => (string?)e["via"] == "passive");
        Assert.Equal("echo: hi", (string?)entry["text"]);
        var inbound = (await push.Server.EntriesAsync(OfficialAccount))[0]!;
        Assert.Equal(("in", "simulated"), ((string?)inbound["direction"], (string?)inbound["via"]));
    }

    private static async Task<PushHarness> StartAsync(TimeSpan? window = null)
    {
        var push = await PushHarness.StartAsync(adjust: options =>
        {
            if (window is { } shortWindow)
            {
                options.Conversations.PassiveReplyWindow = shortWindow;
            }
        });
        await push.AddOfficialAccountAsync();
        return push;
    }
}
