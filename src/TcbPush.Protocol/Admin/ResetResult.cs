using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// The answer of <c>POST /admin/reset</c> (SPEC §12): what was emptied. Apps, environments, configurations,
/// components, authorizations and token history stay.
/// </summary>
/// <param name="Deleted">How many rows of each kind were deleted.</param>
public sealed record ResetResult([property: JsonPropertyName("deleted")] ResetCounts Deleted);

/// <summary>How many received messages, deliveries and delivery attempts a reset deleted.</summary>
/// <param name="Messages">Received messages (and their dedupe identities).</param>
/// <param name="Deliveries">Deliveries.</param>
/// <param name="Attempts">Delivery attempts.</param>
public sealed record ResetCounts(
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("deliveries")] long Deliveries,
    [property: JsonPropertyName("attempts")] long Attempts);
