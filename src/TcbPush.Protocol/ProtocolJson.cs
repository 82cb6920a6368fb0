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
[JsonSerializable(typeof(ComponentAccessTokenResponse))]
[JsonSerializable(typeof(PreAuthCodeResponse))]
[JsonSerializable(typeof(QueryAuthResponse))]
[JsonSerializable(typeof(AuthorizerTokenResponse))]
internal sealed partial class ProtocolJson : JsonSerializerContext;
