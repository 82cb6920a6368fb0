using System.Text;
using TcbPush.Protocol.Messages;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Hardening;

/// <summary>Bodies built to hurt: deep or wide XML, text that is not Unicode, fields no XML target could carry.</summary>
public sealed class HostileBodyTests
{
    private const int Depth = 100_000;

    [Fact]
    public void Deep_xml_is_refused_after_reading_only_its_first_part()
    {
        var body = DeepXml(Depth);
        using var stream = new CountingStream(body);

        var error = Assert.Throws<FormatException>(() => WeChatXml.Read(stream));

        Assert.Contains("nested deeper than 32", error.Message, StringComparison.Ordinal);
        Assert.True(stream.BytesRead < 64 * 1024, $"read {stream.BytesRead} of {body.Length} bytes before refusing");
    }

    [Fact]
    public void Wide_xml_is_refused_past_ten_thousand_elements()
    {
        var body = Encoding.UTF8.GetBytes("<xml>" + string.Concat(Enumerable.Repeat("<a>1</a>", 10_001)) + "</xml>");

        var error = Assert.Throws<FormatException>(() => WeChatXml.Read(new MemoryStream(body)));

        Assert.Contains("more than 10000 elements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_xml_push_answers_400_and_stores_nothing()
    {
        await using var push = await PushHarness.StartAsync();

        var (status, reason) = await push.PushAsync(OpenApp, Encoding.UTF8.GetString(DeepXml(Depth)));

        Assert.Equal(400, status);
        Assert.Contains("nested deeper", reason, StringComparison.Ordinal);
        Assert.Empty(await push.DeliveriesAsync($"?appid={OpenApp}"));
    }

    [Theory]
    [InlineData("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"text","MsgId":7,"Content":"\ud800x"}""", "not valid Unicode")]
    [InlineData("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"text","MsgId":7,"\udc00":"x"}""", "not valid Unicode")]
    [InlineData("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"text","MsgId":7,"":"x"}""", "field name is empty")]
    [InlineData("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"text","MsgId":7,"x":{"":1}}""", "field name is empty")]
    public async Task Json_push_that_no_target_could_receive_answers_400_and_stores_nothing(string body, string reason)
    {
        await using var push = await PushHarness.StartAsync();

        var (status, answer) = await push.PushAsync(OpenApp, body);

        Assert.Equal(400, status);
        Assert.Contains(reason, answer, StringComparison.Ordinal);
        Assert.Empty(await push.DeliveriesAsync($"?appid={OpenApp}"));
    }

    [Fact]
    public async Task Json_push_with_invalid_utf8_answers_400_and_stores_nothing()
    {
        await using var push = await PushHarness.StartAsync();
        var body = Encoding.UTF8.GetBytes("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"text","MsgId":7,"Content":"AB"}""");
        body[Array.IndexOf(body, (byte)'A')] = 0xC3; // a lead byte followed by 'B', which cannot continue it

        using var response = await push.Server.Http.PostAsync($"/push/{OpenApp}", new ByteArrayContent(body));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await push.DeliveriesAsync($"?appid={OpenApp}"));
    }

    private static byte[] DeepXml(int depth) => Encoding.UTF8.GetBytes(
        "<xml>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</xml>");

    private sealed class CountingStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = base.Read(buffer);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }
    }
}
