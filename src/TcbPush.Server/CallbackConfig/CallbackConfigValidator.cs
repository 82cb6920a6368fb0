using System.Text.Json;
using System.Text.RegularExpressions;
using TcbPush.Protocol;
using TcbPush.Server.Apps;
using TcbPush.Server.Wire;

namespace TcbPush.Server.CallbackConfig;

/// <summary>SPEC §4's validation of a setcallbackconfig body: a pure function from JSON to a patch or a WeChat error.</summary>
internal static partial class CallbackConfigValidator
{
    public const int MaxCallbacks = 100;
    public const int MaxPathLength = 1024;

    public static Result<CallbackConfigPatch> Validate(JsonElement root)
    {
        var hasFunction = JsonFields.Present(root, "function_config", out var functionElement);
        var hasContainer = JsonFields.Present(root, "container_config", out var containerElement);
        if (!hasFunction && !hasContainer)
        {
            return new WeChatError(ErrCode.MissingParameter, "function_config or container_config");
        }
        FunctionConfig? function = null;
        if (hasFunction)
        {
            var read = ReadFunctionConfig(functionElement);
            if (read.Error is { } error)
            {
                return error;
            }
            function = read.Value;
        }
        ContainerConfig? container = null;
        if (hasContainer)
        {
            var read = ReadContainerConfig(containerElement);
            if (read.Error is { } error)
            {
                return error;
            }
            container = read.Value;
        }
        return new CallbackConfigPatch(function, container);
    }

    /// <summary>Container and function push are exclusive in the configuration that would result.</summary>
    public static WeChatError? CheckExclusive(CallbackConfiguration result) =>
        result.FunctionConfig.Enable && result.ContainerConfig.Enable
            ? new WeChatError(ErrCode.InvalidArgs, "function push cannot be enabled while container push is enabled")
            : null;

    private static Result<FunctionConfig> ReadFunctionConfig(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new WeChatError(ErrCode.InvalidArgs, "function_config must be an object");
        }
        var enable = JsonFields.Bool(element, "enable", "function_config.enable", true);
        if (enable.Error is { } enableError)
        {
            return enableError;
        }
        var callbacks = new List<Callback>();
        if (JsonFields.Present(element, "callbacks", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                return new WeChatError(ErrCode.InvalidArgs, "function_config.callbacks must be an array");
            }
            if (list.GetArrayLength() > MaxCallbacks)
            {
                return new WeChatError(ErrCode.InvalidArgs, $"at most {MaxCallbacks} callbacks");
            }
            var seen = new HashSet<(string, string)>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var read = ReadCallback(item, $"callbacks[{index}]");
                if (read.Error is { } error)
                {
                    return error;
                }
                var callback = read.Value;
                if (!seen.Add((callback.MsgType, callback.Event)))
                {
                    return new WeChatError(ErrCode.InvalidArgs,
                        $"callbacks[{index}]: msgType '{callback.MsgType}' event '{callback.Event}' appears more than once");
                }
                callbacks.Add(callback);
                index++;
            }
        }
        return new FunctionConfig(enable.Value, callbacks);
    }

    private static Result<Callback> ReadCallback(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new WeChatError(ErrCode.InvalidArgs, $"{path} must be an object");
        }
        var msgType = JsonFields.RequiredString(item, "msgType", $"{path}.msgType");
        if (msgType.Error is { } e1)
        {
            return e1;
        }
        var eventName = JsonFields.OptionalString(item, "event", $"{path}.event");
        if (eventName.Error is { } e2)
        {
            return e2;
        }
        var env = JsonFields.RequiredString(item, "env", $"{path}.env");
        if (env.Error is { } e3)
        {
            return e3;
        }
        var functionName = JsonFields.RequiredString(item, "functionName", $"{path}.functionName");
        if (functionName.Error is { } e4)
        {
            return e4;
        }
        var enable = JsonFields.Bool(item, "enable", $"{path}.enable", true);
        if (enable.Error is { } e5)
        {
            return e5;
        }
        if (!MsgTypePattern().IsMatch(msgType.Value))
        {
            return Invalid($"{path}.msgType", "1-32 characters of a-z and _");
        }
        if (msgType.Value == "event")
        {
            if (eventName.Value.Length == 0)
            {
                return new WeChatError(ErrCode.InvalidArgs, $"{path}.event is required when msgType is event");
            }
            if (!EventPattern().IsMatch(eventName.Value))
            {
                return Invalid($"{path}.event", "1-64 characters of A-Z, a-z, 0-9 and _");
            }
        }
        else if (eventName.Value.Length != 0)
        {
            return new WeChatError(ErrCode.InvalidArgs, $"{path}.event must be empty when msgType is not event");
        }
        if (!AppIds.IsEnvId(env.Value))
        {
            return Invalid($"{path}.env", "1-64 characters of A-Z, a-z, 0-9 and -");
        }
        if (!FunctionNamePattern().IsMatch(functionName.Value))
        {
            return Invalid($"{path}.functionName", "1-60 characters, a letter first, then A-Z, a-z, 0-9, _ and -");
        }
        return new Callback(msgType.Value, eventName.Value, env.Value, functionName.Value, enable.Value);
    }

    private static Result<ContainerConfig> ReadContainerConfig(JsonElement element)
    {
        const string path = "container_config";
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new WeChatError(ErrCode.InvalidArgs, $"{path} must be an object");
        }
        var enable = JsonFields.Bool(element, "enable", $"{path}.enable", true);
        if (enable.Error is { } e1)
        {
            return e1;
        }
        var env = enable.Value
            ? JsonFields.RequiredString(element, "qbase_env", $"{path}.qbase_env")
            : JsonFields.OptionalString(element, "qbase_env", $"{path}.qbase_env");
        if (env.Error is { } e2)
        {
            return e2;
        }
        var containerPath = enable.Value
            ? JsonFields.RequiredString(element, "qbase_container_path", $"{path}.qbase_container_path")
            : JsonFields.OptionalString(element, "qbase_container_path", $"{path}.qbase_container_path");
        if (containerPath.Error is { } e3)
        {
            return e3;
        }
        var textMode = JsonFields.Integer(element, "text_mode", $"{path}.text_mode", ContainerConfig.Json);
        if (textMode.Error is { } e4)
        {
            return e4;
        }
        if ((enable.Value || env.Value.Length != 0) && !AppIds.IsEnvId(env.Value))
        {
            return Invalid($"{path}.qbase_env", "1-64 characters of A-Z, a-z, 0-9 and -");
        }
        if ((enable.Value || containerPath.Value.Length != 0) && ContainerPathProblem(containerPath.Value) is { } problem)
        {
            return Invalid($"{path}.qbase_container_path", problem);
        }
        if (textMode.Value is not (ContainerConfig.Json or ContainerConfig.Xml))
        {
            return Invalid($"{path}.text_mode", "1 (JSON) or 2 (XML)");
        }
        return new ContainerConfig(enable.Value, env.Value, containerPath.Value, (int)textMode.Value);
    }

    /// <summary>Why a container path is refused, or null: it may choose a path on the environment's host, nothing more.</summary>
    public static string? ContainerPathProblem(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return "must start with /";
        }
        if (path.Length > MaxPathLength)
        {
            return $"at most {MaxPathLength} characters";
        }
        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "must not contain //";
        }
        foreach (var c in path)
        {
            if (c is '?' or '#' or '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return "must not contain ?, #, \\, control characters or white space";
            }
        }
        foreach (var segment in path.Split('/'))
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded is "." or ".." || decoded.Contains('/', StringComparison.Ordinal) || decoded.Contains('\\', StringComparison.Ordinal))
            {
                return "must not contain . or .. segments or encoded separators";
            }
        }
        return null;
    }

    private static WeChatError Invalid(string field, string rule) => new(ErrCode.InvalidArgs, $"{field}: {rule}");

    [GeneratedRegex("^[a-z_]{1,32}\\z")]
    private static partial Regex MsgTypePattern();

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}\\z")]
    private static partial Regex EventPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,59}\\z")]
    private static partial Regex FunctionNamePattern();
}
