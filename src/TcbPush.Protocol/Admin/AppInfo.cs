using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

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

/// <summary>The answer of <c>GET /admin/apps</c>.</summary>
/// <param name="Apps">Every registered app.</param>
public sealed record AppList([property: JsonPropertyName("apps")] IReadOnlyList<AppInfo> Apps);
