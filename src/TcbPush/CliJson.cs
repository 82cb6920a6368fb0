using System.Text.Json.Serialization;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;

namespace TcbPush.Cli;

/// <summary>The <c>--json</c> output of client commands: the SDK's records with the wire's field names.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(SimulatedMessageResult))]
[JsonSerializable(typeof(IReadOnlyList<DeliveryInfo>))]
[JsonSerializable(typeof(DeliveryDetail))]
[JsonSerializable(typeof(IReadOnlyList<ReplayedDelivery>))]
[JsonSerializable(typeof(IReadOnlyList<AppInfo>))]
[JsonSerializable(typeof(IReadOnlyList<EnvironmentInfo>))]
[JsonSerializable(typeof(IReadOnlyList<ConversationEntry>))]
internal sealed partial class CliJson : JsonSerializerContext;
