using System.Text.Json.Serialization;

namespace TcbPush.Server.ThirdParty;

/// <summary>The admin request bodies of the third-party platform, read like <c>AdminJson</c>'s.</summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ComponentRegistration))]
[JsonSerializable(typeof(TicketRegistration))]
[JsonSerializable(typeof(AuthorizationRegistration))]
[JsonSerializable(typeof(AuthorizationCodeRequest))]
internal sealed partial class ThirdPartyJson : JsonSerializerContext;
