using System.Text.Json;

namespace TcbPush.Protocol;

/// <summary>
/// Reads JSON the way WeChat's peers write it: trailing commas allowed, object keys trimmed of
/// surrounding white space (the seed's own sample sends <c>"qbase_container_path "</c>).
/// </summary>
internal static class LenientJson
{
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, MaxDepth = 64 };

    /// <summary>Parses bytes into a document; throws <see cref="JsonException"/> when they are not JSON.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8) => JsonDocument.Parse(utf8, DocumentOptions);

    /// <summary>Finds a property by its trimmed name; the last one wins when trimming makes names collide.</summary>
    public static bool TryGet(this JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        var found = false;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name.AsSpan().Trim().SequenceEqual(name))
            {
                value = property.Value;
                found = true;
            }
        }
        return found;
    }

    /// <summary>Reads an integer that may arrive as a JSON number or as a numeric string.</summary>
    public static bool TryGetLenientInt64(this JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(element.GetString(), System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }
}
