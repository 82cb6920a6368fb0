using System.Text.Json.Serialization;

namespace TcbPush.Client;

// The payload shapes of admin answers that the public API unwraps.

internal sealed record ChangedResponse([property: JsonPropertyName("changed")] bool Changed);

internal sealed record AppList([property: JsonPropertyName("apps")] IReadOnlyList<AppInfo> Apps);

internal sealed record EnvironmentList([property: JsonPropertyName("envs")] IReadOnlyList<EnvironmentInfo> Envs);

internal sealed record DeliveryList([property: JsonPropertyName("deliveries")] IReadOnlyList<Delivery> Deliveries);

internal sealed record ReplayResponse([property: JsonPropertyName("delivery_id")] long DeliveryId);

internal sealed record ReplayDeliveriesRequest(
    [property: JsonPropertyName("ids")] IReadOnlyList<long>? Ids = null,
    [property: JsonPropertyName("appid")] string? AppId = null,
    [property: JsonPropertyName("status")] string? Status = null);

internal sealed record ReplayDeliveriesResponse([property: JsonPropertyName("replayed")] IReadOnlyList<ReplayedDelivery> Replayed);

internal sealed record ConversationList([property: JsonPropertyName("conversations")] IReadOnlyList<ConversationInfo> Conversations);

internal sealed record ConversationEntries([property: JsonPropertyName("entries")] IReadOnlyList<ConversationEntry> Entries);
