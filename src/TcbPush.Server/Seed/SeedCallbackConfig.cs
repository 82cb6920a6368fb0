using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Server.Seed;

/// <summary>A seed's message-push configuration for an app: <see cref="Config"/> is a setcallbackconfig body.</summary>
internal sealed record SeedCallbackConfig(
    [property: JsonPropertyName("appid")] string? AppId,
    [property: JsonPropertyName("config")] JsonElement? Config);
