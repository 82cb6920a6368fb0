using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Server.Admin;

/// <summary>The <c>--seed</c> file of SPEC §7: the objects TcbPush registers, idempotently, at start-up.</summary>
internal sealed record SeedFile(
    [property: JsonPropertyName("apps")] IReadOnlyList<AppRegistration>? Apps,
    [property: JsonPropertyName("components")] IReadOnlyList<JsonElement>? Components,
    [property: JsonPropertyName("authorizations")] IReadOnlyList<JsonElement>? Authorizations,
    [property: JsonPropertyName("envs")] IReadOnlyList<EnvironmentRegistration>? Envs);
