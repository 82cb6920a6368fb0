using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace TcbPush.Protocol.Messages;

/// <summary>
/// WeChat's XML message convention: an <c>&lt;xml&gt;</c> root, one element per field, strings in CDATA, numbers bare.
/// Read into the same field tree as JSON: CDATA (or non-numeric text) is a string, bare numeric text a number,
/// an element with child elements an object, repeated sibling names an array.
/// </summary>
internal static class WeChatXml
{
    private const int MaxDepth = 32;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = new UTF8Encoding(false),
        CheckCharacters = true,
    };

    /// <exception cref="FormatException">not well-formed XML, or the root is not <c>&lt;xml&gt;</c></exception>
    public static JsonObject Read(ReadOnlyMemory<byte> body)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException($"not well-formed XML: {e.Message}", e);
        }
        if (document.Root is not { Name.LocalName: "xml" } root)
        {
            throw new FormatException("the XML root element must be <xml>");
        }
        return ReadObject(root, 1);
    }

    public static byte[] Write(JsonObject fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            writer.WriteStartElement("xml");
            WriteFields(writer, fields);
            writer.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private static JsonObject ReadObject(XElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"XML nested deeper than {MaxDepth} levels");
        }
        var result = new JsonObject();
        foreach (var group in element.Elements().GroupBy(e => e.Name.LocalName, StringComparer.Ordinal))
        {
            var values = group.Select(e => ReadValue(e, depth + 1)).ToList();
            result[group.Key] = values.Count == 1 ? values[0] : new JsonArray([.. values]);
        }
        return result;
    }

    private static JsonNode ReadValue(XElement element, int depth)
    {
        if (element.HasElements)
        {
            return ReadObject(element, depth);
        }
        var isCData = element.Nodes().OfType<XCData>().Any();
        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value));
        if (!isCData && IsJsonNumber(text.Trim()))
        {
            return JsonNode.Parse(text.Trim())!;
        }
        return JsonValue.Create(text);
    }

    private static bool IsJsonNumber(string text)
    {
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] == '-'))
        {
            return false;
        }
        try
        {
            using var parsed = JsonDocument.Parse(text);
            return parsed.RootElement.ValueKind == JsonValueKind.Number;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteFields(XmlWriter writer, JsonObject fields)
    {
        foreach (var (name, value) in fields)
        {
            if (value is JsonArray items)
            {
                foreach (var item in items)
                {
                    WriteElement(writer, name, item);
                }
            }
            else
            {
                WriteElement(writer, name, value);
            }
        }
    }

    private static void WriteElement(XmlWriter writer, string name, JsonNode? value)
    {
        writer.WriteStartElement(XmlConvert.EncodeLocalName(name));
        switch (value)
        {
            case JsonObject nested:
                WriteFields(writer, nested);
                break;
            case JsonArray list:
                WriteFields(writer, new JsonObject { ["item"] = list.DeepClone() });
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                writer.WriteCData(XmlSafe(scalar.GetValue<string>()));
                break;
            case JsonValue scalar when scalar.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                writer.WriteString(scalar.ToJsonString());
                break;
        }
        writer.WriteEndElement();
    }

    /// <summary>XML cannot carry some characters JSON can (most control characters); they become U+FFFD.</summary>
    private static string XmlSafe(string text)
    {
        StringBuilder? safe = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair || XmlConvert.IsXmlChar(text[i]))
            {
                safe?.Append(text, i, pair ? 2 : 1);
                i += pair ? 1 : 0;
                continue;
            }
            safe ??= new StringBuilder(text.Length).Append(text, 0, i);
            safe.Append('\uFFFD');
        }
        return safe?.ToString() ?? text;
    }
}
