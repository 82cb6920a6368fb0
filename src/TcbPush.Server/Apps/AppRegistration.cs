using System.Text.Json.Serialization;

namespace TcbPush.Server.Apps;

/// <summary>An app as the admin API and the seed file declare it; without <c>kind</c> an existing app keeps its kind, a new one is a mini program.</summary>
internal sealed record AppRegistration(
    [property: JsonPropertyName("appid")] string? AppId,
    [property: JsonPropertyName("secret")] string? Secret,
    [property: JsonPropertyName("token")] string? Token = null,
    [property: JsonPropertyName("encoding_aes_key")] string? EncodingAesKey = null,
    [property: JsonPropertyName("kind")] string? Kind = null);

/// <summary>An environment as the admin API and the seed file declare it.</summary>
internal sealed record EnvironmentRegistration(
    [property: JsonPropertyName("env")] string? Env,
    [property: JsonPropertyName("container_base_url")] string? ContainerBaseUrl,
    [property: JsonPropertyName("function_base_url")] string? FunctionBaseUrl);
