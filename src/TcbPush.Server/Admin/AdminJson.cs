using System.Text.Json.Serialization;

namespace TcbPush.Server.Admin;

[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(AppRegistration))]
[JsonSerializable(typeof(EnvironmentRegistration))]
[JsonSerializable(typeof(SeedFile))]
internal sealed partial class AdminJson : JsonSerializerContext;
