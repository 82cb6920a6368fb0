using System.Text.Json.Serialization;

namespace TcbPush.Server.Component;

[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ComponentRegistration))]
[JsonSerializable(typeof(TicketRegistration))]
[JsonSerializable(typeof(AuthorizationRegistration))]
[JsonSerializable(typeof(AuthorizationCodeRequest))]
internal sealed partial class ComponentAdminJson : JsonSerializerContext;
