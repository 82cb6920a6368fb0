using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using TcbPush.Protocol;

namespace TcbPush.Server.Wire;

/// <summary>Reads an admin request body into its record, with the same lenient JSON and errors as the WeChat endpoints.</summary>
internal static class AdminBody
{
    public static async Task<Result<T>> ReadAsync<T>(HttpContext context, RequestBody body, JsonTypeInfo<T> type)
    {
        var parsed = await body.ReadJsonObjectAsync(context);
        if (parsed.Error is { } bad)
        {
            return bad;
        }
        using var document = parsed.Value;
        return Deserialize(document.RootElement, type);
    }

    public static Result<T> Deserialize<T>(JsonElement element, JsonTypeInfo<T> type)
    {
        try
        {
            return element.Deserialize(type) is { } value ? value : new WeChatError(ErrCode.DataFormatError);
        }
        catch (JsonException e)
        {
            return new WeChatError(ErrCode.InvalidArgs, e.Path is null ? "wrong field type" : $"{e.Path.TrimStart('$', '.')} has the wrong type");
        }
    }
}
