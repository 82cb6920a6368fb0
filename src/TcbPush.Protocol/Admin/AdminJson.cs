using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// Source-generated JSON for TcbPush's admin API, shared by the server and the SDK. <see cref="JsonSerializerContext"/>'s
/// <c>Default</c> is the server's reading and writing: trailing commas and comments are accepted, every field is
/// written (nulls included) in declaration order, and a field a request leaves out is read as null so that the server
/// answers with its own WeChat error. The SDK reads answers more strictly (see its <c>AdminWire</c>).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ChangedResponse))]
[JsonSerializable(typeof(AppRegistration))]
[JsonSerializable(typeof(AppList))]
[JsonSerializable(typeof(EnvironmentRegistration))]
[JsonSerializable(typeof(EnvironmentList))]
[JsonSerializable(typeof(ComponentRegistration))]
[JsonSerializable(typeof(TicketRegistration))]
[JsonSerializable(typeof(ComponentList))]
[JsonSerializable(typeof(AuthorizationRegistration))]
[JsonSerializable(typeof(AuthorizationGranted))]
[JsonSerializable(typeof(ComponentAuthorizationList))]
[JsonSerializable(typeof(AuthorizationCodeRequest))]
[JsonSerializable(typeof(AuthorizationCodeResponse))]
[JsonSerializable(typeof(SimulatedMessage))]
[JsonSerializable(typeof(SimulatedMessageResult))]
[JsonSerializable(typeof(DeliveryList))]
[JsonSerializable(typeof(DeliveryDetail))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayResponse))]
[JsonSerializable(typeof(ReplayedDeliveries))]
[JsonSerializable(typeof(StateExport))]
[JsonSerializable(typeof(TargetCircuitList))]
[JsonSerializable(typeof(ConversationList))]
[JsonSerializable(typeof(ConversationEntries))]
[JsonSerializable(typeof(ConversationEntry))]
[JsonSerializable(typeof(ServerStatusInfo))]
[JsonSerializable(typeof(ResetResult))]
public sealed partial class AdminJson : JsonSerializerContext;
