using System.Net.Http.Headers;
using TcbPush.Protocol.Messages;

namespace TcbPush.Server.Push.Delivery;

/// <summary>
/// The HTTP request of one delivery attempt (SPEC §6.2): <c>POST</c> to the target with the message in the delivery's
/// format (containers: JSON or XML by <c>text_mode</c>; functions: JSON), and the <c>x-wx-*</c> headers.
/// </summary>
internal static class DeliveryRequest
{
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private static readonly MediaTypeHeaderValue Xml = MediaTypeHeaderValue.Parse("application/xml; charset=utf-8");

    public static HttpRequestMessage Create(ClaimedDelivery delivery)
    {
        var body = delivery.Format == MessageFormat.Xml
            ? WeChatMessageCodec.Write(WeChatMessageCodec.Read(delivery.Payload, out _), MessageFormat.Xml)
            : delivery.Payload;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = delivery.Format == MessageFormat.Xml ? Xml : Json;
        var request = new HttpRequestMessage(HttpMethod.Post, delivery.TargetUrl) { Content = content };
        request.Headers.Add("x-wx-source", "tcbpush");
        request.Headers.Add("x-wx-appid", HeaderValue(delivery.AppId));
        request.Headers.Add("x-wx-openid", HeaderValue(delivery.FromUser));
        request.Headers.Add("x-wx-env", HeaderValue(delivery.Env));
        return request;
    }

    /// <summary>Openids are plain ASCII; anything else a message might carry is percent-encoded rather than break the header.</summary>
    private static string HeaderValue(string value) =>
        value.All(c => c is >= ' ' and <= '~') ? value : Uri.EscapeDataString(value);
}
