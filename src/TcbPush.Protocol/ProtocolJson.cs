using System.Text.Json.Serialization;

namespace TcbPush.Protocol;

/// <summary>Source-generated JSON for the wire records shared by server and client.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CallbackConfiguration))]
[JsonSerializable(typeof(FunctionConfig))]
[JsonSerializable(typeof(ContainerConfig))]
[JsonSerializable(typeof(Callback))]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(StableTokenRequest))]
public sealed partial class ProtocolJson : JsonSerializerContext;
