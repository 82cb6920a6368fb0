using System.Text.Json.Serialization;

namespace TcbPush.Server.Push.Admin;

[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(SimulatedMessageRequest))]
[JsonSerializable(typeof(ReplayRequest))]
internal sealed partial class PushAdminJson : JsonSerializerContext;
