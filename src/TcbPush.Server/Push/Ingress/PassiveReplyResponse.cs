using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TcbPush.Protocol.Crypto;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Apps;

namespace TcbPush.Server.Push.Ingress;

/// <summary>
/// The answer to a push that carries a passive reply (SPEC §10.2): the reply in the push's own format (XML for an
/// XML push, JSON for a JSON push); in safe mode sealed as WXBizMsgCrypt does, <c>Encrypt</c> (the reply encrypted
/// for the app's appid), <c>MsgSignature</c> over token, timestamp, nonce and Encrypt, <c>TimeStamp</c> and
/// <c>Nonce</c> (the push's own, as WeChat's sample code passes them back).
/// </summary>
internal static class PassiveReplyResponse
{
    public static IResult Create(AppRecord app, IQueryCollection query, MessageFormat format, JsonObject reply, TimeProvider time)
    {
        var plain = WeChatMessageCodec.Write(reply, format);
        if (query["encrypt_type"].ToString() != "aes" || app.EncodingAesKey is null)
        {
            return Answer(plain, format);
        }
        var timestamp = query["timestamp"].ToString() is { Length: > 0 } given
            ? given
            : time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = query["nonce"].ToString() is { Length: > 0 } pushed
            ? pushed
            : RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var encrypted = new WeChatMessageCrypt(app.EncodingAesKey).Encrypt(Encoding.UTF8.GetString(plain), app.AppId);
        var sealedReply = new JsonObject
        {
            ["Encrypt"] = encrypted,
            ["MsgSignature"] = MessageSignature.Compute(app.MessageToken ?? "", timestamp, nonce, encrypted),
            ["TimeStamp"] = long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : timestamp,
            ["Nonce"] = nonce,
        };
        return Answer(WeChatMessageCodec.Write(sealedReply, format), format);
    }

    private static IResult Answer(byte[] body, MessageFormat format) =>
        Results.Bytes(body, format == MessageFormat.Xml ? "application/xml; charset=utf-8" : "application/json; charset=utf-8");
}
