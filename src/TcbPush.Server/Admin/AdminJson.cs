using System.Text.Json.Serialization;
using TcbPush.Server.ThirdParty;

namespace TcbPush.Server.Admin;

[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(AppRegistration))]
[JsonSerializable(typeof(EnvironmentRegistration))]
[JsonSerializable(typeof(SeedFile))]
[JsonSerializable(typeof(ComponentRegistration))]
[JsonSerializable(typeof(TicketRegistration))]
[JsonSerializable(typeof(AuthorizationRegistration))]
[JsonSerializable(typeof(AuthorizationCodeRequest))]
internal sealed partial class AdminJson : JsonSerializerContext;
