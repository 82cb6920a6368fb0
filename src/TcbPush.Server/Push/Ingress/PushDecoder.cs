using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TcbPush.Protocol.Crypto;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Apps;

namespace TcbPush.Server.Push.Ingress;

/// <summary>
/// SPEC §6.1's checks on a pushed body, in plaintext mode (<c>signature</c> over token, timestamp, nonce) or safe mode
/// (<c>encrypt_type=aes</c>: <c>msg_signature</c> over token, timestamp, nonce and <c>Encrypt</c>, then AES with the
/// app's EncodingAESKey). Signatures are checked only when the app has a message token.
/// </summary>
internal static class PushDecoder
{
    public static DecodedPush Decode(AppRecord app, IQueryCollection query, ReadOnlyMemory<byte> body)
    {
        var timestamp = query["timestamp"].ToString();
        var nonce = query["nonce"].ToString();
        var encryptType = query["encrypt_type"].ToString();
        if (encryptType is "" or "raw")
        {
            if (app.MessageToken is { } token && !MessageSignature.Verify(query["signature"], token, timestamp, nonce))
            {
                return IngressRejection.Unauthorized("signature does not match");
            }
            return Read(body);
        }
        if (encryptType != "aes")
        {
            return IngressRejection.Malformed($"encrypt_type '{encryptType}' is not supported (aes or raw)");
        }
        if (app.EncodingAesKey is null)
        {
            return IngressRejection.Malformed("safe mode (encrypt_type=aes) needs the app's EncodingAESKey, and none is registered");
        }
        JsonObject envelope;
        MessageFormat format;
        try
        {
            envelope = WeChatMessageCodec.Read(body, out format);
        }
        catch (FormatException e)
        {
            return IngressRejection.Malformed(e.Message);
        }
        if (!envelope.TryGetPropertyValue("Encrypt", out var node) || node is not JsonValue value ||
            value.GetValueKind() != JsonValueKind.String || value.GetValue<string>() is not { Length: > 0 } encrypted)
        {
            return IngressRejection.Malformed("Encrypt is missing");
        }
        if (app.MessageToken is { } messageToken && !MessageSignature.Verify(query["msg_signature"], messageToken, timestamp, nonce, encrypted))
        {
            return IngressRejection.Unauthorized("msg_signature does not match");
        }
        var decrypted = new WeChatMessageCrypt(app.EncodingAesKey).Decrypt(encrypted);
        if (decrypted is null)
        {
            return IngressRejection.Unauthorized("Encrypt does not decrypt with the app's EncodingAESKey");
        }
        if (decrypted.AppId != app.AppId)
        {
            return IngressRejection.Unauthorized("Encrypt was made for another appid");
        }
        var inner = Read(decrypted.Message);
        return inner.Message is null ? inner : DecodedPush.Accepted(inner.Message, format);
    }

    private static DecodedPush Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            var fields = WeChatMessageCodec.Read(body, out var format);
            return DecodedPush.Accepted(PushedMessage.From(fields), format);
        }
        catch (FormatException e)
        {
            return IngressRejection.Malformed(e.Message);
        }
    }
}
