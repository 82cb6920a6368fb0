using System.Text.Json.Serialization;

namespace TcbPush.Protocol;

/// <summary>One function-push rule: messages of <see cref="MsgType"/> (and <see cref="Event"/>) go to a cloud function.</summary>
public sealed record Callback(
    [property: JsonPropertyName("msgType")] string MsgType,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("env")] string Env,
    [property: JsonPropertyName("functionName")] string FunctionName,
    [property: JsonPropertyName("enable")] bool Enable);

/// <summary>The cloud-function block of the configuration.</summary>
public sealed record FunctionConfig(
    [property: JsonPropertyName("enable")] bool Enable,
    [property: JsonPropertyName("callbacks")] IReadOnlyList<Callback> Callbacks)
{
    public static FunctionConfig Default { get; } = new(false, []);

    public bool Equals(FunctionConfig? other) =>
        other is not null && Enable == other.Enable && Callbacks.SequenceEqual(other.Callbacks);

    public override int GetHashCode() => HashCode.Combine(Enable, Callbacks.Count);
}

/// <summary>The cloud-hosting (container) block of the configuration.</summary>
public sealed record ContainerConfig(
    [property: JsonPropertyName("enable")] bool Enable,
    [property: JsonPropertyName("qbase_env")] string QbaseEnv,
    [property: JsonPropertyName("qbase_container_path")] string QbaseContainerPath,
    [property: JsonPropertyName("text_mode")] int TextMode)
{
    public const int Json = 1;
    public const int Xml = 2;

    public static ContainerConfig Default { get; } = new(false, "", "", Json);
}

/// <summary>An app's whole message-push configuration, as getcallbackconfig returns it in <c>data</c>.</summary>
public sealed record CallbackConfiguration(
    [property: JsonPropertyName("function_config")] FunctionConfig FunctionConfig,
    [property: JsonPropertyName("container_config")] ContainerConfig ContainerConfig)
{
    public static CallbackConfiguration Default { get; } = new(FunctionConfig.Default, ContainerConfig.Default);
}
