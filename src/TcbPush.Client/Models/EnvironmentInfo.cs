using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A cloud environment: where TcbPush delivers the messages routed to it (<c>/admin/envs</c>).</summary>
/// <param name="Env">The environment id, e.g. <c>test-env-6gni9ity244a6ea3</c>.</param>
/// <param name="ContainerBaseUrl">The base URL that container paths are appended to.</param>
/// <param name="FunctionBaseUrl">The base URL that <c>/{functionName}</c> is appended to.</param>
public sealed record EnvironmentInfo(
    [property: JsonPropertyName("env")] string Env,
    [property: JsonPropertyName("container_base_url")] string ContainerBaseUrl,
    [property: JsonPropertyName("function_base_url")] string FunctionBaseUrl);
