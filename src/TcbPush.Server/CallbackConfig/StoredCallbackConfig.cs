using TcbPush.Protocol;

namespace TcbPush.Server.CallbackConfig;

/// <summary>An app's configuration with its version (0 when never set).</summary>
internal sealed record StoredCallbackConfig(CallbackConfiguration Config, long Version)
{
    public static StoredCallbackConfig Never { get; } = new(CallbackConfiguration.Default, 0);
}
