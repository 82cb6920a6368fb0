using System.Text;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Conversations;
using TcbPush.Tests.Push;

namespace TcbPush.Tests.Conversations;

/// <summary>SPEC §10.2's reading of a target's answer: every reply msgtype in JSON and in XML, no reply, and invalid replies.</summary>
public sealed class PassiveReplyParserTests
{
    private const string Head = "\"ToUserName\":\"oUser0001\",\"FromUserName\":\"gh_0123456789ab\",\"CreateTime\":1714036505";
    private const string XmlHead =
        "<ToUserName><![CDATA[oUser0001]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName><CreateTime>1714036505</CreateTime>";
    private static readonly PushedMessage Message = PushedMessage.Parse(Encoding.UTF8.GetBytes(PushHarness.TextJson("9001")));
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1714036506);

    public static TheoryData<string, string, string> EveryMsgType() => new()
    {
        { "text", $$$"""{{{{Head}}},"MsgType":"text","Content":"hi"}""", $"<xml>{XmlHead}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>" },
        { "image", $$$"""{{{{Head}}},"MsgType":"image","Image":{"MediaId":"m1"}}""", $"<xml>{XmlHead}<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[m1]]></MediaId></Image></xml>" },
        { "voice", $$$"""{{{{Head}}},"MsgType":"voice","Voice":{"MediaId":"m1"}}""", $"<xml>{XmlHead}<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[m1]]></MediaId></Voice></xml>" },
        { "video", $$$"""{{{{Head}}},"MsgType":"video","Video":{"MediaId":"m1","Title":"t","Description":"d"}}""",
            $"<xml>{XmlHead}<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[m1]]></MediaId><Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description></Video></xml>" },
        { "music", $$$"""{{{{Head}}},"MsgType":"music","Music":{"Title":"t","Description":"d","MusicUrl":"u","HQMusicUrl":"h","ThumbMediaId":"m"}}""",
            $"<xml>{XmlHead}<MsgType><![CDATA[music]]></MsgType><Music><Title><![CDATA[t]]></Title><MusicUrl><![CDATA[u]]></MusicUrl><ThumbMediaId><![CDATA[m]]></ThumbMediaId></Music></xml>" },
        { "news", $$$"""{{{{Head}}},"MsgType":"news","ArticleCount":2,"Articles":[{"Title":"a","Url":"u"},{"Title":"b","Description":"d","PicUrl":"p","Url":"u"}]}""",
            $"<xml>{XmlHead}<MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount><Articles><item><Title><![CDATA[a]]></Title><Url><![CDATA[u]]></Url></item><item><Title><![CDATA[b]]></Title><Url><![CDATA[u]]></Url></item></Articles></xml>" },
        { "transfer_customer_service", $$$"""{{{{Head}}},"MsgType":"transfer_customer_service","TransInfo":{"KfAccount":"kf@gh"}}""",
            $"<xml>{XmlHead}<MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>" },
    };

    [Theory]
    [MemberData(nameof(EveryMsgType))]
    public void Every_reply_type_is_read_in_JSON_and_in_XML(string msgType, string json, string xml)
    {
        var fromJson = PassiveReplyParser.Parse(Encoding.UTF8.GetBytes(json), MessageFormat.Json, Message, Now);
        var fromXml = PassiveReplyParser.Parse(Encoding.UTF8.GetBytes(xml), MessageFormat.Xml, Message, Now);

        Assert.True(fromJson.IsValid, fromJson.Reason);
        Assert.True(fromXml.IsValid, fromXml.Reason);
        Assert.Equal((msgType, msgType), (fromJson.MsgType, fromXml.MsgType));
        Assert.Equal("oUser0001", (string?)fromJson.Fields!["ToUserName"]);
    }

    [Fact]
    public void News_in_JSON_may_wrap_its_items_as_in_XML()
    {
        var body = $$$"""{{{{Head}}},"MsgType":"news","ArticleCount":1,"Articles":{"item":[{"Title":"a","Url":"u"}]}}""";

        Assert.True(PassiveReplyParser.Parse(Encoding.UTF8.GetBytes(body), MessageFormat.Json, Message, Now).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    [InlineData("success")]
    public void Empty_body_or_success_is_no_reply(string body)
    {
        Assert.True(PassiveReplyParser.Parse(Encoding.UTF8.GetBytes(body), MessageFormat.Json, Message, Now).IsNone);
    }

    [Fact]
    public void Missing_FromUserName_and_CreateTime_are_filled_in()
    {
        var reply = PassiveReplyParser.Parse("""{"ToUserName":"oUser0001","MsgType":"text","Content":"hi"}"""u8.ToArray(), MessageFormat.Json, Message, Now);

        Assert.Equal(("gh_0123456789ab", Now.ToUnixTimeSeconds()), ((string?)reply.Fields!["FromUserName"], (long)reply.Fields["CreateTime"]!));
    }

    [Theory]
    [InlineData("not a reply", "not a reply message")]
    [InlineData("<xml><MsgType>text</MsgType></xml>", "expects JSON")]
    [InlineData("""{"ToUserName":"oUser0001"}""", "MsgType is missing")]
    [InlineData("""{"ToUserName":"oUser0001","MsgType":"location"}""", "cannot be a passive reply")]
    [InlineData("""{"ToUserName":"oOther","MsgType":"text","Content":"hi"}""", "ToUserName")]
    [InlineData("""{"MsgType":"text","Content":"hi"}""", "ToUserName")]
    [InlineData("""{"ToUserName":"oUser0001","MsgType":"text","Content":""}""", "Content is required")]
    [InlineData("""{"ToUserName":"oUser0001","MsgType":"image","Image":{}}""", "Image.MediaId is required")]
    [InlineData("""{"ToUserName":"oUser0001","MsgType":"image","MediaId":"m"}""", "Image is required")]
    [InlineData("""{"ToUserName":"oUser0001","MsgType":"music","Music":{"Title":"t"}}""", "Music.ThumbMediaId is required")]
    [InlineData("""{"ToUserName":"oUser0001","MsgType":"news","ArticleCount":2,"Articles":[{"Title":"a","Url":"u"}]}""", "ArticleCount")]
    [InlineData("""{"ToUserName":"oUser0001","MsgType":"news","ArticleCount":1,"Articles":[{"Title":"a"}]}""", "Articles[0].Url is required")]
    [InlineData("""{"ToUserName":"oUser0001","MsgType":"news","ArticleCount":0,"Articles":[]}""", "1 to 8")]
    public void Malformed_reply_is_invalid_with_the_reason(string body, string reason)
    {
        var reply = PassiveReplyParser.Parse(Encoding.UTF8.GetBytes(body), MessageFormat.Json, Message, Now);

        Assert.False(reply.IsValid || reply.IsNone);
        Assert.Contains(reason, reply.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nine_articles_are_too_many()
    {
        var items = string.Join(",", Enumerable.Repeat("""{"Title":"a","Url":"u"}""", 9));
        var body = $$$"""{{{{Head}}},"MsgType":"news","ArticleCount":9,"Articles":[{{{items}}}]}""";

        Assert.Contains("1 to 8", PassiveReplyParser.Parse(Encoding.UTF8.GetBytes(body), MessageFormat.Json, Message, Now).Reason,
            StringComparison.Ordinal);
    }
}
