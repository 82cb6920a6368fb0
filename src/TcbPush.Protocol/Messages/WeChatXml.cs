using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace TcbPush.Protocol.Messages;

/// <summary>
/// WeChat's XML message convention: an <c>&lt;xml&gt;</c> root, one element per field, strings in CDATA, numbers bare.
/// Read into the same field tree as JSON: CDATA (or non-numeric text) is a string, bare numeric text a number,
/// an element with child elements an object, repeated sibling names an array.
/// </summary>
internal static class WeChatXml
{
    private const int MaxDepth = 32;

    /// <summary>A pushed message has tens of fields; ten thousand elements is far beyond any real one.</summary>
    private const int MaxElements = 10_000;

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

    /// <exception cref="FormatException">not well-formed XML, the root is not <c>&lt;xml&gt;</c>, or too deep or too large</exception>
    public static JsonObject Read(ReadOnlyMemory<byte> body)
    {
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        return Read(stream);
    }

    /// <summary>
    /// Reads as it goes and stops at the first element past <see cref="MaxDepth"/> or <see cref="MaxElements"/>, so a
    /// hostile body costs no more than the part read before that point (building a whole tree first cost time quadratic
    /// in its depth).
    /// </summary>
    internal static JsonObject Read(Stream stream)
    {
        try
        {
            using var reader = XmlReader.Create(stream, ReaderSettings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "xml")
            {
                throw new FormatException("the XML root element must be <xml>");
            }
            var budget = new ElementBudget();
            var root = ReadElement(reader, 1, budget) as JsonObject ?? [];
            while (reader.Read())
            {
                // The rest must still be well formed (trailing comments, white space).
            }
            return root;
        }
        catch (XmlException e)
        {
            throw new FormatException($"not well-formed XML: {e.Message}", e);
        }
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

    /// <summary>
    /// One element, the reader on its start tag: an element with child elements is an object (repeated names an
    /// array), otherwise its text: a string when any of it is CDATA or it is not a number, else a number.
    /// </summary>
    private static JsonNode ReadElement(XmlReader reader, int depth, ElementBudget budget)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"XML nested deeper than {MaxDepth} levels");
        }
        budget.Take();
        var isRoot = depth == 1;
        if (reader.IsEmptyElement)
        {
            return isRoot ? new JsonObject() : JsonValue.Create("");
        }
        List<(string Name, JsonNode Value)>? children = null;
        var text = new StringBuilder();
        var isCData = false;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var name = reader.LocalName;
                    (children ??= []).Add((name, ReadElement(reader, depth + 1, budget)));
                    break;
                case XmlNodeType.CDATA:
                    isCData = true;
                    text.Append(reader.Value);
                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    return children is not null || isRoot ? ToObject(children) : ToScalar(text.ToString(), isCData);
            }
        }
        throw new FormatException("not well-formed XML: the document ends inside an element");
    }

    private static JsonObject ToObject(List<(string Name, JsonNode Value)>? children)
    {
        var result = new JsonObject();
        if (children is null)
        {
            return result;
        }
        foreach (var group in children.GroupBy(c => c.Name, StringComparer.Ordinal))
        {
            var values = group.Select(c => c.Value).ToList();
            result[group.Key] = values.Count == 1 ? values[0] : new JsonArray([.. values]);
        }
        return result;
    }

    private static JsonNode ToScalar(string text, bool isCData) =>
        !isCData && IsJsonNumber(text.Trim()) ? JsonNode.Parse(text.Trim())! : JsonValue.Create(text);

    /// <summary>Counts elements so that a wide body is refused as early as a deep one.</summary>
    private sealed class ElementBudget
    {
        private int left = MaxElements;

        public void Take()
        {
            if (--left < 0)
            {
                throw new FormatException($"XML has more than {MaxElements} elements");
            }
        }
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
