using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>An app to register with TcbPush (<c>POST /admin/apps</c>); registering it again updates it.</summary>
/// <param name="AppId">The app's id.</param>
/// <param name="Secret">The app's secret, for <c>/cgi-bin/token</c>.</param>
/// <param name="Token">The message-push token that signs pushes to <c>/push/{appid}</c>; null for unsigned pushes.</param>
/// <param name="EncodingAesKey">The 43-character EncodingAESKey for safe mode; null for plaintext.</param>
/// <param name="Kind"><c>miniprogram</c> or <c>officialaccount</c>; null keeps an existing app's kind (a new app is a mini program).</param>
public sealed record RegisterAppRequest(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("token")] string? Token = null,
    [property: JsonPropertyName("encoding_aes_key")] string? EncodingAesKey = null,
    [property: JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind = null);

/// <summary>A registered app as <c>GET /admin/apps</c> lists it; secrets and keys are never returned.</summary>
/// <param name="AppId">The app's id.</param>
/// <param name="HasToken">Whether the app has a message-push token.</param>
/// <param name="HasEncodingAesKey">Whether the app has an EncodingAESKey.</param>
/// <param name="Kind"><c>miniprogram</c> or <c>officialaccount</c>.</param>
public sealed record AppInfo(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("has_token")] bool HasToken,
    [property: JsonPropertyName("has_encoding_aes_key")] bool HasEncodingAesKey,
    [property: JsonPropertyName("kind")] string Kind = "miniprogram");
