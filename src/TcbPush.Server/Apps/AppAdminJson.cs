using System.Text.Json.Serialization;

namespace TcbPush.Server.Apps;

[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(AppRegistration))]
[JsonSerializable(typeof(EnvironmentRegistration))]
internal sealed partial class AppAdminJson : JsonSerializerContext;
