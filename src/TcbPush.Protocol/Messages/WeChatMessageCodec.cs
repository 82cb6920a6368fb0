using System.Text.Json.Nodes;

namespace TcbPush.Protocol.Messages;

/// <summary>Reads a pushed body in whichever format it arrived (told apart by its first character) and writes either format.</summary>
internal static class WeChatMessageCodec
{
    /// <summary>The body's fields, not yet checked for the fields every message needs (see <see cref="PushedMessage.From"/>).</summary>
    /// <exception cref="FormatException">empty, neither XML nor JSON, or not well formed</exception>
    public static JsonObject Read(ReadOnlyMemory<byte> body, out MessageFormat format)
    {
        var text = body.Span;
        if (text.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }
        var start = body.Span.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            throw new FormatException("the message is empty");
        }
        switch (body.Span[start])
        {
            case (byte)'<':
                format = MessageFormat.Xml;
                return WeChatXml.Read(body);
            case (byte)'{':
                format = MessageFormat.Json;
                return WeChatJson.Read(body);
            default:
                throw new FormatException("the message is neither XML nor a JSON object");
        }
    }

    public static byte[] Write(JsonObject fields, MessageFormat format) =>
        format == MessageFormat.Xml ? WeChatXml.Write(fields) : WeChatJson.Write(fields);
}
