using System.Text.Json.Serialization;
using TcbPush.Protocol.Admin;

namespace TcbPush.Server.Seed;

/// <summary>The <c>--seed</c> file of SPEC §7: the objects TcbPush registers, idempotently, at start-up.</summary>
internal sealed record SeedFile(
    [property: JsonPropertyName("apps")] IReadOnlyList<AppRegistration>? Apps,
    [property: JsonPropertyName("components")] IReadOnlyList<ComponentRegistration>? Components,
    [property: JsonPropertyName("authorizations")] IReadOnlyList<AuthorizationRegistration>? Authorizations,
    [property: JsonPropertyName("envs")] IReadOnlyList<EnvironmentRegistration>? Envs);
