using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TcbPush.Protocol.Messages;

/// <summary>WeChat's JSON message convention: one object, WeChat's field names, numbers as numbers.</summary>
internal static class WeChatJson
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        // Targets read the body as JSON, never as HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <exception cref="FormatException">not JSON, not an object, or a field name repeated</exception>
    public static JsonObject Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            if (JsonNode.Parse(body.Span, documentOptions: LenientJson.DocumentOptions) is not JsonObject fields)
            {
                throw new FormatException("the JSON message must be an object");
            }
            _ = fields.Count; // materialises the properties, which is where repeated names are found
            return fields;
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"not a valid JSON message: {e.Message}", e);
        }
    }

    public static byte[] Write(JsonObject fields) => JsonSerializer.SerializeToUtf8Bytes(fields, WriteOptions);
}
