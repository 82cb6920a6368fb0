using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A registered cloud environment as <c>GET /admin/envs</c> lists it.</summary>
/// <param name="Env">The environment id, e.g. <c>test-env-6gni9ity244a6ea3</c>.</param>
/// <param name="ContainerBaseUrl">The base URL that container paths are appended to.</param>
/// <param name="FunctionBaseUrl">The base URL that <c>/{functionName}</c> is appended to.</param>
public sealed record EnvironmentInfo(
    [property: JsonPropertyName("env")] string Env,
    [property: JsonPropertyName("container_base_url")] string ContainerBaseUrl,
    [property: JsonPropertyName("function_base_url")] string FunctionBaseUrl);

/// <summary>The answer of <c>GET /admin/envs</c>.</summary>
/// <param name="Envs">Every registered environment.</param>
public sealed record EnvironmentList([property: JsonPropertyName("envs")] IReadOnlyList<EnvironmentInfo> Envs);
