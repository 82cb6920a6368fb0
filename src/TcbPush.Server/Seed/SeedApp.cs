using System.Text.Json.Serialization;

namespace TcbPush.Server.Seed;

/// <summary>
/// A seed's app: <c>secret</c>, <c>token</c> and <c>encoding_aes_key</c> in plain text, or (as exported) the secret's
/// stored hash and the others sealed with the master key; each secret in one form or the other.
/// </summary>
internal sealed record SeedApp(
    [property: JsonPropertyName("appid")] string? AppId,
    [property: JsonPropertyName("secret")] string? Secret = null,
    [property: JsonPropertyName("token")] string? Token = null,
    [property: JsonPropertyName("encoding_aes_key")] string? EncodingAesKey = null,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("secret_hash")] string? SecretHash = null,
    [property: JsonPropertyName("token_sealed")] string? TokenSealed = null,
    [property: JsonPropertyName("encoding_aes_key_sealed")] string? EncodingAesKeySealed = null);
