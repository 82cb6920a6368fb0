using System.Text.Json;
using TcbPush.Protocol;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Component;

/// <summary>The JSON body of a component API call: its string fields, read with SPEC §2's field checks in order.</summary>
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
    /// Check 7 of SPEC §2's order on a component API's body: 41018 when component_appid is missing; 40097 when a
    /// field is not a string; then the first other required field that is missing or empty: 41004 for the secret,
    /// 40101 for the others.
    /// </summary>
    public static Result<ComponentRequest> Read(JsonElement root, IReadOnlyList<string> required)
    {
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
