using System.Text.Json.Serialization;

namespace TcbPush.Client;

internal sealed record ConversationList([property: JsonPropertyName("conversations")] IReadOnlyList<ConversationInfo> Conversations);

internal sealed record ConversationEntries([property: JsonPropertyName("entries")] IReadOnlyList<ConversationEntry> Entries);
