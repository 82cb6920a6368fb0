using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>An app's message-push configuration in a <see cref="StateExport"/> (the seed's <c>callback_configs</c>).</summary>
/// <param name="AppId">The app.</param>
/// <param name="Config">The configuration as getcallbackconfig's <c>data</c>, which is also a valid setcallbackconfig body.</param>
public sealed record ExportedCallbackConfig(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("config")] CallbackConfiguration Config);
