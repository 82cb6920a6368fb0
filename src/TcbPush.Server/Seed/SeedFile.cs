using System.Text.Json.Serialization;
using TcbPush.Protocol.Admin;

namespace TcbPush.Server.Seed;

/// <summary>
/// The <c>--seed</c> file of SPEC §7: the objects TcbPush registers, idempotently, at start-up. An export
/// (<c>GET /admin/export</c>) is one too: its secrets in stored form, opened with <see cref="MasterKeyFingerprint"/>'s key.
/// </summary>
internal sealed record SeedFile(
    [property: JsonPropertyName("apps")] IReadOnlyList<SeedApp>? Apps,
    [property: JsonPropertyName("components")] IReadOnlyList<SeedComponent>? Components,
    [property: JsonPropertyName("authorizations")] IReadOnlyList<SeedAuthorization>? Authorizations,
    [property: JsonPropertyName("envs")] IReadOnlyList<EnvironmentRegistration>? Envs,
    [property: JsonPropertyName("callback_configs")] IReadOnlyList<SeedCallbackConfig>? CallbackConfigs = null,
    [property: JsonPropertyName("master_key_fingerprint")] string? MasterKeyFingerprint = null);
