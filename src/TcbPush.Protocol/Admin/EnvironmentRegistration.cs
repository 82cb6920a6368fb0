using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// A cloud environment to register (<c>POST /admin/envs</c>, and the <c>envs</c> of a seed file): where TcbPush
/// delivers the messages routed to it. Every field is required: the server answers 41002 without one.
/// </summary>
/// <param name="Env">The environment id, e.g. <c>test-env-6gni9ity244a6ea3</c>.</param>
/// <param name="ContainerBaseUrl">The base URL that container paths are appended to.</param>
/// <param name="FunctionBaseUrl">The base URL that <c>/{functionName}</c> is appended to.</param>
public sealed record EnvironmentRegistration(
    [property: JsonPropertyName("env")] string? Env,
    [property: JsonPropertyName("container_base_url")] string? ContainerBaseUrl,
    [property: JsonPropertyName("function_base_url")] string? FunctionBaseUrl);
