using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace TcbPush.Protocol.Messages;

/// <summary>WeChat's JSON message convention: one object, WeChat's field names, numbers as numbers.</summary>
internal static class WeChatJson
{
    private static readonly JsonWriterOptions WriteOptions = new()
    {
        // Targets read the body as JSON, never as HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <exception cref="FormatException">
    /// not UTF-8 JSON, not an object, a field name repeated or empty (no XML element can carry it), or text that is
    /// not valid Unicode (a lone surrogate escape)
    /// </exception>
    public static JsonObject Read(ReadOnlyMemory<byte> body)
    {
        if (!Utf8.IsValid(body.Span))
        {
            throw new FormatException("the JSON message is not valid UTF-8");
        }
        try
        {
            if (JsonNode.Parse(body.Span, documentOptions: LenientJson.DocumentOptions) is not JsonObject fields)
            {
                throw new FormatException("the JSON message must be an object");
            }
            CheckFields(fields);
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
        catch (InvalidOperationException e)
        {
            throw new FormatException("the JSON message has text that is not valid Unicode", e);
        }
    }

    /// <summary>Walks the whole tree once, which also materialises each object (where repeated names are found).</summary>
    private static void CheckFields(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach (var (name, value) in fields)
                {
                    if (name.Length == 0)
                    {
                        throw new FormatException("a field name is empty");
                    }
                    CheckText(name);
                    CheckFields(value);
                }
                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    CheckFields(item);
                }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                CheckText(value.GetValue<string>());
                break;
        }
    }

    private static void CheckText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new FormatException("the JSON message has text that is not valid Unicode (a lone surrogate)");
            }
        }
    }

    /// <summary>Writes the object with a plain writer (no serializer, so nothing for trimming to lose).</summary>
    public static byte[] Write(JsonObject fields)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output, WriteOptions))
        {
            fields.WriteTo(json);
        }
        return output.WrittenSpan.ToArray();
    }
}
