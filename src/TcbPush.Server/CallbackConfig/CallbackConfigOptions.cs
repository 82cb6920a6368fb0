namespace TcbPush.Server.CallbackConfig;

/// <summary>How <c>setcallbackconfig</c> treats a container configuration.</summary>
public sealed class CallbackConfigOptions
{
    /// <summary>Probe an enabled container path before storing it (SPEC §6.3); <c>--no-path-check</c> turns it off.</summary>
    public bool PathCheck { get; set; } = true;
}
