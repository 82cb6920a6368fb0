using System.Text.Json.Serialization;

namespace TcbPush.Server.Seed;

/// <summary>A seed's third-party platform: secret and verify ticket in plain text, or (as exported) as hash and digest.</summary>
internal sealed record SeedComponent(
    [property: JsonPropertyName("component_appid")] string? ComponentAppId,
    [property: JsonPropertyName("component_appsecret")] string? ComponentAppSecret = null,
    [property: JsonPropertyName("component_verify_ticket")] string? ComponentVerifyTicket = null,
    [property: JsonPropertyName("component_appsecret_hash")] string? ComponentAppSecretHash = null,
    [property: JsonPropertyName("component_verify_ticket_digest")] string? ComponentVerifyTicketDigest = null);
