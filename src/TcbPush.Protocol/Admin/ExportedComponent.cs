using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A third-party platform in a <see cref="StateExport"/>: the seed's <c>components</c> entry in stored form.</summary>
/// <param name="ComponentAppId">The platform's appid.</param>
/// <param name="ComponentAppSecretHash">The salted hash its secret is kept as (base64).</param>
/// <param name="ComponentVerifyTicketDigest">The keyed digest (under the master key) of its last verify ticket (base64).</param>
public sealed record ExportedComponent(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("component_appsecret_hash")] string ComponentAppSecretHash,
    [property: JsonPropertyName("component_verify_ticket_digest")] string ComponentVerifyTicketDigest);
