using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>An app in a <see cref="StateExport"/>: the seed's <c>apps</c> entry with its secrets in stored form.</summary>
/// <param name="AppId">The app's id.</param>
/// <param name="Kind"><c>miniprogram</c> or <c>officialaccount</c>.</param>
/// <param name="SecretHash">The salted hash the app's secret is kept as (base64); the secret itself is not kept.</param>
/// <param name="TokenSealed">The message-push token sealed with the master key (base64); null when the app has none.</param>
/// <param name="EncodingAesKeySealed">The EncodingAESKey sealed with the master key (base64); null when the app has none.</param>
public sealed record ExportedApp(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("secret_hash")] string SecretHash,
    [property: JsonPropertyName("token_sealed")] string? TokenSealed,
    [property: JsonPropertyName("encoding_aes_key_sealed")] string? EncodingAesKeySealed);
