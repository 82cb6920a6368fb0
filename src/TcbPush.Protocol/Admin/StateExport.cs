using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// A server's registered state (<c>GET /admin/export</c>, SPEC §12 "State"), shaped as a seed file so that
/// <c>serve --seed</c> imports it. Secrets appear only as stored: secret hashes, digests, and values sealed with the
/// exporting server's master key, which therefore open only on a server with the same master key.
/// </summary>
/// <param name="MasterKeyFingerprint">The fingerprint of the master key that sealed the secrets (the key itself is never exported).</param>
/// <param name="Apps">Every registered app.</param>
/// <param name="Envs">Every registered environment.</param>
/// <param name="Components">Every registered third-party platform.</param>
/// <param name="Authorizations">Every standing (not revoked) authorization.</param>
/// <param name="CallbackConfigs">The message-push configuration of every app that has set one.</param>
public sealed record StateExport(
    [property: JsonPropertyName("master_key_fingerprint")] string MasterKeyFingerprint,
    [property: JsonPropertyName("apps")] IReadOnlyList<ExportedApp> Apps,
    [property: JsonPropertyName("envs")] IReadOnlyList<EnvironmentRegistration> Envs,
    [property: JsonPropertyName("components")] IReadOnlyList<ExportedComponent> Components,
    [property: JsonPropertyName("authorizations")] IReadOnlyList<ExportedAuthorization> Authorizations,
    [property: JsonPropertyName("callback_configs")] IReadOnlyList<ExportedCallbackConfig> CallbackConfigs);
