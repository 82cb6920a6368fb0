using System.Text.Json.Serialization;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;

namespace TcbPush.Cli;

/// <summary>
/// The <c>--json</c> output of client commands: the SDK's records with the wire's field names, indented, every time
/// as ISO-8601 UTC with milliseconds (<c>2026-01-02T03:04:05.678Z</c>).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, Converters = [typeof(UtcMillisecondsJsonConverter)])]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(SimulatedMessageResult))]
[JsonSerializable(typeof(IReadOnlyList<DeliveryInfo>))]
[JsonSerializable(typeof(DeliveryDetail))]
[JsonSerializable(typeof(IReadOnlyList<ReplayedDelivery>))]
[JsonSerializable(typeof(IReadOnlyList<AppInfo>))]
[JsonSerializable(typeof(IReadOnlyList<EnvironmentInfo>))]
[JsonSerializable(typeof(IReadOnlyList<ConversationEntry>))]
[JsonSerializable(typeof(StateExport))]
internal sealed partial class CliJson : JsonSerializerContext;
