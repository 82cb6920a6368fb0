using TcbPush.Client;
using TcbPush.Protocol.Admin;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;

namespace TcbPush.Tests.Conversations;

/// <summary>SPEC §10.4's SDK: custom/send with typed messages and typing on <see cref="WeChatClient"/>; conversation reads and a watch on the admin client.</summary>
public sealed class ConversationClientTests : IAsyncLifetime
{
    private PushHarness push = null!;
    private TcbPushAdminClient admin = null!;

    public async Task InitializeAsync()
    {
        push = await PushHarness.StartAsync();
        await push.AddOfficialAccountAsync();
        admin = new TcbPushAdminClient(new HttpClient(), new TcbPushClientOptions { BaseAddress = new Uri(push.Server.Url), AdminKey = TestServer.AdminKey });
    }

    public async Task DisposeAsync() => await push.DisposeAsync();

    public static TheoryData<string, CustomMessage> EveryOfficialAccountMessage() => new()
    {
        { "text", new TextMessage("hi") },
        { "image", new ImageMessage("m1") },
        { "voice", new VoiceMessage("m1") },
        { "video", new VideoMessage("m1", "m2", "t", "d") },
        { "music", new MusicMessage("t", "d", "u", "h", "m") },
        { "news", new NewsMessage(new NewsArticle("t", "https://example.com", "d", "p")) },
        { "mpnews", new MpNewsMessage("m1") },
        { "mpnewsarticle", new MpNewsArticleMessage("a1") },
        { "msgmenu", new MsgMenuMessage([new MsgMenuItem("1", "yes"), new MsgMenuItem("2", "no")], "Well?", "Thanks") },
        { "wxcard", new WxCardMessage("c1") },
        { "miniprogrampage", new MiniProgramPageMessage("t", "pages/index", "m1", "wxapp") },
    };

    [Theory]
    [MemberData(nameof(EveryOfficialAccountMessage))]
    public async Task Every_typed_message_is_sent_and_recorded(string msgType, CustomMessage message)
    {
        await push.UserSaysAsync(OfficialAccount);

        await Client(OfficialAccount).SendCustomMessageAsync(User, message);

        var entries = await admin.GetConversationAsync(OfficialAccount, User);
        Assert.Equal((msgType, "active"), (entries[^1].MsgType, entries[^1].Via));
    }

    [Fact]
    public async Task Link_is_sent_by_a_mini_program()
    {
        await push.UserSaysAsync(PushHarness.OpenApp);

        await Client(PushHarness.OpenApp).SendCustomMessageAsync(User, new LinkMessage("t", "https://example.com", "d", "https://example.com/p.png"));

        Assert.Equal("link", (await admin.GetConversationAsync(PushHarness.OpenApp, User))[^1].MsgType);
    }

    [Fact]
    public async Task Refused_reply_throws_with_the_errcode()
    {
        var refused = await Assert.ThrowsAsync<WeChatException>(() => Client(PushHarness.OpenApp).SendCustomMessageAsync(Stranger, new TextMessage("hi")));

        Assert.Equal(40003, refused.ErrCode);
    }

    [Fact]
    public async Task Typing_is_recorded()
    {
        await push.UserSaysAsync(PushHarness.OpenApp);

        await Client(PushHarness.OpenApp).SetTypingAsync(User);
        await Client(PushHarness.OpenApp).SetTypingAsync(User, typing: false);

        var entries = await admin.GetConversationAsync(PushHarness.OpenApp, User, afterSeq: 1);
        Assert.Equal(["[typing]", "[typing cancelled]"], entries.Select(e => e.Text));
    }

    [Fact]
    public async Task Conversations_are_listed()
    {
        await push.UserSaysAsync(PushHarness.OpenApp);

        var conversation = Assert.Single(await admin.GetConversationsAsync(PushHarness.OpenApp));

        Assert.Equal((User, 1L), (conversation.OpenId, conversation.LastSeq));
    }

    [Fact]
    public async Task Watch_yields_past_and_new_entries()
    {
        await push.UserSaysAsync(PushHarness.OpenApp, "before");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<ConversationEntry>();

        await foreach (var entry in admin.WatchConversationAsync(PushHarness.OpenApp, User, cancellationToken: timeout.Token))
        {
            seen.Add(entry);
            if (seen.Count == 1)
            {
                await Client(PushHarness.OpenApp).SendCustomMessageAsync(User, new TextMessage("after"));
            }
            else
            {
                break;
            }
        }

        Assert.Equal(["before", "after"], seen.Select(e => e.Text));
    }

    private WeChatClient Client(string appId) =>
        new(new HttpClient(), new TcbPushClientOptions { BaseAddress = new Uri(push.Server.Url), AppId = appId, AppSecret = "secret-" + appId });
}
