using System.Text;
using System.Text.Json;
using TcbPush.Protocol.Messages;

namespace TcbPush.Tests.Push;

public sealed class WeChatMessageCodecTests
{
    private const string TextXml =
        "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>" +
        "<CreateTime>1714036504</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>" +
        "<MsgId>1234567890123456789</MsgId></xml>";
    private const string TextJson =
        """{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1714036504,"MsgType":"text","Content":"hi","MsgId":1234567890123456789}""";

    [Fact]
    public void Xml_message_becomes_json_with_strings_as_strings_and_numbers_as_numbers()
    {
        var json = Encoding.UTF8.GetString(PushedMessage.Parse(Bytes(TextXml)).Encode(MessageFormat.Json));

        Assert.Equal(TextJson, json);
    }

    [Fact]
    public void Json_message_becomes_xml_with_strings_in_cdata_and_numbers_bare()
    {
        var xml = Encoding.UTF8.GetString(PushedMessage.Parse(Bytes(TextJson)).Encode(MessageFormat.Xml));

        Assert.Equal(TextXml, xml);
    }

    [Fact]
    public void Unknown_and_nested_fields_are_kept()
    {
        const string json = """{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"event","Event":"x","Extra":{"A":"b","N":[1,2]}}""";

        var xml = Encoding.UTF8.GetString(PushedMessage.Parse(Bytes(json)).Encode(MessageFormat.Xml));
        var back = Encoding.UTF8.GetString(PushedMessage.Parse(Bytes(xml)).Encode(MessageFormat.Json));

        Assert.Contains("<Extra><A><![CDATA[b]]></A><N>1</N><N>2</N></Extra>", xml, StringComparison.Ordinal);
        Assert.Equal(json, back);
    }

    [Fact]
    public void Cdata_end_marker_in_text_survives_the_xml_form()
    {
        const string json = """{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"text","Content":"a]]>b <c> & 你好","MsgId":1}""";

        var xml = PushedMessage.Parse(Bytes(json)).Encode(MessageFormat.Xml);

        Assert.Equal("a]]>b <c> & 你好", PushedMessage.Parse(xml).Field("Content"));
    }

    [Fact]
    public void Text_without_cdata_that_is_not_a_number_stays_text()
    {
        var message = PushedMessage.Parse(Bytes(TextXml.Replace("<![CDATA[hi]]>", "12ab", StringComparison.Ordinal)));

        using var json = JsonDocument.Parse(message.Encode(MessageFormat.Json));
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("Content").ValueKind);
    }

    [Fact]
    public void Message_identity_is_its_MsgId()
    {
        Assert.Equal("1234567890123456789", PushedMessage.Parse(Bytes(TextJson)).Identity);
    }

    [Fact]
    public void Event_identity_is_sender_time_and_event()
    {
        var message = PushedMessage.Parse(Bytes("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":7,"MsgType":"event","Event":"user_enter_tempsession","SessionFrom":""}"""));

        Assert.Equal("o1:7:user_enter_tempsession", message.Identity);
    }

    [Theory]
    [InlineData("<xml><ToUserName>", "not well-formed XML")]
    [InlineData("<root><ToUserName>a</ToUserName></root>", "root element must be <xml>")]
    [InlineData("<!DOCTYPE xml [<!ENTITY e \"x\">]><xml>&e;</xml>", "not well-formed XML")]
    [InlineData("[1,2]", "neither XML nor a JSON object")]
    [InlineData("   ", "empty")]
    [InlineData("{\"ToUserName\":\"gh_1\",", "not valid JSON")]
    [InlineData("""{"ToUserName":"gh_1","CreateTime":1,"MsgType":"text","MsgId":1}""", "FromUserName is missing")]
    [InlineData("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":"soon","MsgType":"text"}""", "CreateTime must be")]
    [InlineData("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"event"}""", "Event is missing")]
    public void Malformed_messages_are_refused_with_the_reason(string body, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PushedMessage.Parse(Bytes(body)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_nested_too_deep_is_refused()
    {
        var body = "<xml>" + string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100)) + "</xml>";

        Assert.Throws<FormatException>(() => PushedMessage.Parse(Bytes(body)));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
