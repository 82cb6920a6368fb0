using System.Text.Json;
using TcbPush.Protocol;

namespace TcbPush.Server.Wire;

/// <summary>
/// Typed reads of request fields with WeChat's errors: 40101 when a required field is missing (absent or null),
/// 40097 when it has the wrong type. <c>path</c> names the field in the error detail.
/// </summary>
internal static class JsonFields
{
    public static Result<bool> Bool(JsonElement obj, string name, string path, bool defaultValue)
    {
        if (!Present(obj, name, out var value))
        {
            return defaultValue;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => new WeChatError(ErrCode.InvalidArgs, $"{path} must be a boolean"),
        };
    }

    public static Result<string> RequiredString(JsonElement obj, string name, string path)
    {
        if (!Present(obj, name, out var value))
        {
            return new WeChatError(ErrCode.MissingParameter, path);
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : new WeChatError(ErrCode.InvalidArgs, $"{path} must be a string");
    }

    public static Result<string> OptionalString(JsonElement obj, string name, string path, string defaultValue = "")
    {
        if (!Present(obj, name, out var value))
        {
            return defaultValue;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : new WeChatError(ErrCode.InvalidArgs, $"{path} must be a string");
    }

    public static Result<long> Integer(JsonElement obj, string name, string path, long defaultValue)
    {
        if (!Present(obj, name, out var value))
        {
            return defaultValue;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : new WeChatError(ErrCode.InvalidArgs, $"{path} must be an integer");
    }

    /// <summary>True when the field exists and is not null (keys are matched trimmed).</summary>
    public static bool Present(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGet(name, out value) && value.ValueKind != JsonValueKind.Null;
}
