using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;

namespace TcbPush.Tests.Conversations;

/// <summary>
/// SPEC §10.3's checks of custom/send after §2's, as data: each row is a body sent by an app (of the kind named) to
/// which the user <c>oUser0001</c> has just written (so a window is open), and the errcode the first failing check
/// answers. Rows that break several rules at once show the order.
/// </summary>
public sealed class CustomSendCheckOrderTests : IAsyncLifetime
{
    private const string Mp = "miniprogram";
    private const string Oa = "officialaccount";
    private PushHarness push = null!;

    public static TheoryData<string, string, string, int> Rows() => new()
    {
        { "empty body", Mp, "", 44002 },
        { "not JSON", Mp, "hello", 47001 },
        { "a JSON array", Mp, "[]", 47001 },
        { "touser absent", Mp, """{"msgtype":"text","text":{"content":"hi"}}""", 40003 },
        { "touser empty (SKIT sends \"\" for unset)", Mp, """{"touser":"","msgtype":"text","text":{"content":"hi"}}""", 40003 },
        { "touser never seen, and every later check failing too", Mp, """{"touser":"oNeverSeen0001","msgtype":"bogus"}""", 40003 },
        { "msgtype absent", Mp, """{"touser":"oUser0001","text":{"content":"hi"}}""", 40008 },
        { "msgtype empty, its object absent too", Mp, """{"touser":"oUser0001","msgtype":""}""", 40008 },
        { "msgtype unknown", Mp, """{"touser":"oUser0001","msgtype":"bogus","bogus":{}}""", 40008 },
        { "voice from a mini program", Mp, """{"touser":"oUser0001","msgtype":"voice","voice":{"media_id":"m1"}}""", 40008 },
        { "link from an official account", Oa, """{"touser":"oUser0001","msgtype":"link","link":{"title":"t","url":"https://example.com"}}""", 40008 },
        { "the msgtype's object absent", Mp, """{"touser":"oUser0001","msgtype":"text"}""", 40097 },
        { "text.content empty", Mp, """{"touser":"oUser0001","msgtype":"text","text":{"content":""}}""", 40097 },
        { "text.content a number", Mp, """{"touser":"oUser0001","msgtype":"text","text":{"content":5}}""", 40097 },
        { "image without media_id", Mp, """{"touser":"oUser0001","msgtype":"image","image":{}}""", 40097 },
        { "link without url", Mp, """{"touser":"oUser0001","msgtype":"link","link":{"title":"t"}}""", 40097 },
        { "miniprogrampage without thumb_media_id", Mp, """{"touser":"oUser0001","msgtype":"miniprogrampage","miniprogrampage":{"title":"t","pagepath":"p"}}""", 40097 },
        { "news with two articles", Oa, """{"touser":"oUser0001","msgtype":"news","news":{"articles":[{"title":"a","url":"u"},{"title":"b","url":"u"}]}}""", 40097 },
        { "news article without url", Oa, """{"touser":"oUser0001","msgtype":"news","news":{"articles":[{"title":"a"}]}}""", 40097 },
        { "msgmenu with an empty list", Oa, """{"touser":"oUser0001","msgtype":"msgmenu","msgmenu":{"list":[]}}""", 40097 },
        { "text of 2,049 bytes", Mp, $$$"""{"touser":"oUser0001","msgtype":"text","text":{"content":"{{{new string('字', 683)}}}"}}""", 45002 },
        { "text of 2,048 bytes", Mp, $$$"""{"touser":"oUser0001","msgtype":"text","text":{"content":"{{{new string('a', 2048)}}}"}}""", 0 },
        { "SKIT's shape: appid inside miniprogrampage, empty kf_account, unknown fields", Mp,
            """{"touser":"oUser0001","msgtype":"miniprogrampage","miniprogrampage":{"title":"t","pagepath":"pages/index","thumb_media_id":"m","appid":"wx1"},"customservice":{"kf_account":""},"extra":1}""", 0 },
        { "voice from an official account", Oa, """{"touser":"oUser0001","msgtype":"voice","voice":{"media_id":"m1"}}""", 0 },
        { "video", Oa, """{"touser":"oUser0001","msgtype":"video","video":{"media_id":"m1","thumb_media_id":"m2","title":"t","description":"d"}}""", 0 },
        { "music", Oa, """{"touser":"oUser0001","msgtype":"music","music":{"title":"t","musicurl":"u","hqmusicurl":"u","thumb_media_id":"m"}}""", 0 },
        { "news with one article", Oa, """{"touser":"oUser0001","msgtype":"news","news":{"articles":[{"title":"a","url":"https://example.com","picurl":"p"}]}}""", 0 },
        { "mpnewsarticle", Oa, """{"touser":"oUser0001","msgtype":"mpnewsarticle","mpnewsarticle":{"article_id":"a1"}}""", 0 },
        { "msgmenu", Oa, """{"touser":"oUser0001","msgtype":"msgmenu","msgmenu":{"head_content":"h","list":[{"id":"1","content":"yes"}],"tail_content":"t"}}""", 0 },
        { "wxcard", Oa, """{"touser":"oUser0001","msgtype":"wxcard","wxcard":{"card_id":"c1"}}""", 0 },
    };

    public async Task InitializeAsync()
    {
        push = await PushHarness.StartAsync();
        await push.AddOfficialAccountAsync();
        await push.UserSaysAsync(PushHarness.OpenApp);
        await push.UserSaysAsync(OfficialAccount);
    }

    public async Task DisposeAsync() => await push.DisposeAsync();

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Custom_send_answers_the_first_failing_check(string row, string kind, string body, int errcode)
    {
        var app = kind == Oa ? OfficialAccount : PushHarness.OpenApp;

        Assert.True(errcode == await push.Server.SendAsync(app, body), row);
    }

    [Fact]
    public async Task Token_checks_come_before_the_body()
    {
        var answer = await push.Server.PostJsonAsync("/cgi-bin/message/custom/send", "");

        Assert.Equal(41001, (int)answer["errcode"]!);
    }

    [Fact]
    public async Task GET_answers_43002()
    {
        var token = await push.Server.TokenAsync(PushHarness.OpenApp);

        var answer = await push.Server.GetJsonAsync($"/cgi-bin/message/custom/send?access_token={token}");

        Assert.Equal(43002, (int)answer["errcode"]!);
    }

    [Theory]
    [InlineData("""{"touser":"oNeverSeen0001","command":"Bogus"}""", 40003)]
    [InlineData("""{"touser":"oUser0001","command":"Bogus"}""", 40097)]
    [InlineData("""{"touser":"oUser0001"}""", 40097)]
    [InlineData("""{"touser":"oUser0001","command":"Typing"}""", 0)]
    [InlineData("""{"touser":"oUser0001","command":"CancelTyping"}""", 0)]
    public async Task Typing_answers_the_first_failing_check(string body, int errcode)
    {
        Assert.Equal(errcode, await push.Server.SendAsync(PushHarness.OpenApp, body, api: "typing"));
    }

    [Fact]
    public async Task Error_carries_the_standard_errmsg_and_a_rid()
    {
        var token = await push.Server.TokenAsync(PushHarness.OpenApp);

        var answer = await push.Server.PostJsonAsync($"/cgi-bin/message/custom/send?access_token={token}", Text("hi", Stranger));

        Assert.Matches("^invalid openid rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$", (string?)answer["errmsg"]);
    }
}
