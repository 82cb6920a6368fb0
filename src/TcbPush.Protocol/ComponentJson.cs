using System.Text.Json.Serialization;

namespace TcbPush.Protocol;

/// <summary>Source-generated JSON for the third-party platform's wire records (kept apart from <see cref="ProtocolJson"/>).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ComponentAccessTokenResponse))]
[JsonSerializable(typeof(PreAuthCodeResponse))]
[JsonSerializable(typeof(QueryAuthResponse))]
[JsonSerializable(typeof(AuthorizerTokenResponse))]
public sealed partial class ComponentJson : JsonSerializerContext;
