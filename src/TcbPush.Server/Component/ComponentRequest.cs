using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TcbPush.Protocol;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Component;

/// <summary>The JSON body of a component API call: its string fields, read with SPEC §2's checks in order.</summary>
internal sealed class ComponentRequest
{
    public const string ComponentAppIdField = "component_appid";
    public const string SecretField = "component_appsecret";
    private readonly Dictionary<string, string> fields;

    private ComponentRequest(Dictionary<string, string> fields) => this.fields = fields;

    public string ComponentAppId => fields[ComponentAppIdField];

    /// <summary>A required field's value (never empty).</summary>
    public string this[string name] => fields[name];

    /// <summary>
    /// 43002 when not POST; 44002/47001 when the body is empty or not a JSON object; 41018 when component_appid is
    /// missing; 40097 when a field is not a string; then the first other required field that is missing or empty:
    /// 41004 for the secret, 40101 for the others.
    /// </summary>
    public static async Task<Result<ComponentRequest>> ReadAsync(HttpContext context, RequestBody body, IReadOnlyList<string> required)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return new WeChatError(ErrCode.RequirePost);
        }
        var parsed = await body.ReadJsonObjectAsync(context);
        if (parsed.Error is { } unreadable)
        {
            return unreadable;
        }
        using var document = parsed.Value;
        var root = document.RootElement;
        if (IsMissing(root, ComponentAppIdField))
        {
            return new WeChatError(ErrCode.ComponentAppIdMissing);
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in required.Prepend(ComponentAppIdField))
        {
            if (!JsonFields.Present(root, name, out var value))
            {
                continue;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                return new WeChatError(ErrCode.InvalidArgs, $"{name} must be a string");
            }
            fields[name] = value.GetString()!;
        }
        foreach (var name in required)
        {
            if (!fields.TryGetValue(name, out var value) || value.Length == 0)
            {
                return name == SecretField ? new WeChatError(ErrCode.AppSecretMissing) : new WeChatError(ErrCode.MissingParameter, name);
            }
        }
        return new ComponentRequest(fields);
    }

    private static bool IsMissing(JsonElement root, string name) =>
        !JsonFields.Present(root, name, out var value) || value is { ValueKind: JsonValueKind.String } && value.GetString()!.Length == 0;
}
